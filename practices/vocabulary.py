"""The library's vocabularies as a reader sees them: labs, levers and tags.

Each object is shown in the reader's language where translated, otherwise in the
language it was written in (``cms.i18n.in_reader_language``). A tag is one concept
across languages: its identity is its ``translation_key`` (see
``practices.models.tags``), and a filter may name it by any language's slug.
The search page's facet labels come from here too, so a lab, a lever or a tag has
the same name in the library and in search.
"""

from django.db.models import Q

from cms.i18n import in_reader_language
from cms.models import Lever

from .models import CaseStudyTag, Lab


def _by_translation_key(obj):
    return obj.translation_key


def labs(locale):
    """``{slug: lab}`` of every lab, by name."""
    queryset = Lab.objects.order_by("name").select_related("locale")
    return in_reader_language(queryset, locale, key=lambda lab: lab.slug)


def levers(locale):
    """``{code: lever}``: each lever followed by its entry points, in the series' order."""
    queryset = Lever.objects.select_related("parent", "locale")
    found = in_reader_language(queryset, locale, key=lambda lever: lever.code)
    return dict(sorted(found.items(), key=lambda item: lever_order(item[1])))


def lever_order(lever):
    if lever.parent_id:
        return (lever.parent.number, 1, lever.number)
    return (lever.number, 0, 0)


def localized_tags(tags, locale):
    """``tags`` as the reader should see them: ``{translation_key: tag}``, each tag in
    ``locale`` where translated. One query whatever the number of tags."""
    tags = list(tags)
    translated = CaseStudyTag.objects.filter(
        translation_key__in={tag.translation_key for tag in tags}, locale=locale
    )
    return in_reader_language([*tags, *translated], locale, key=_by_translation_key)


def tags_by_key(keys, slugs, locale):
    """``{translation_key: tag}`` of the tags with these keys or called by these slugs
    in any language, in ``locale`` where translated, else their oldest version; and
    the keys of the tags the slugs name."""
    queryset = (
        CaseStudyTag.objects.filter(Q(translation_key__in=keys) | Q(slug__in=slugs))
        .select_related("locale")
        .order_by("pk")
    )
    rows = list(queryset)
    named = {tag.translation_key for tag in rows if tag.slug in slugs}
    return in_reader_language(rows, locale, key=_by_translation_key), named


def tag_keys_for_slugs(slugs):
    """The translation keys of the tags any language calls by one of ``slugs``."""
    return CaseStudyTag.objects.filter(slug__in=slugs).values("translation_key")


# Facet labels of the search page: ``{value: name}`` in ``language``; a value without a
# name there is left out (the search page then shows the value itself).


def lab_labels(slugs, language):
    labs = Lab.objects.filter(slug__in=slugs, locale__language_code=language)
    return dict(labs.values_list("slug", "name"))


def lever_labels(codes, language):
    levers = Lever.objects.filter(code__in=codes, locale__language_code=language)
    return dict(levers.values_list("code", "name"))


def tag_labels(slugs, language):
    """A tag's name in ``language`` for each slug any language gives it; while it is not
    translated, the name it has under that slug."""
    by_key, labels = {}, {}
    for key, slug, name in CaseStudyTag.objects.filter(slug__in=slugs).values_list(
        "translation_key", "slug", "name"
    ):
        by_key.setdefault(key, []).append(slug)
        labels[slug] = name
    translated = CaseStudyTag.objects.filter(
        translation_key__in=list(by_key), locale__language_code=language
    ).values_list("translation_key", "name")
    for key, name in translated:
        for slug in by_key[key]:
            labels[slug] = name
    return labels
