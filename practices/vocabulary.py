"""The library's vocabularies as a reader sees them: labs, levers and tags.

Each object is shown in the reader's language where translated, otherwise in the
language it was written in (``cms.i18n.in_reader_language``). A tag is one concept
across languages: its identity is its ``translation_key`` (see
``practices.models.tags``), and a filter may name it by any language's slug.
The search page's facet labels come from here too, so a lab, a lever or a tag has
the same name in the library and in search.

The whole vocabularies a page reads (labs, levers, every tag) are kept in the shared
cache between renders (``cms.fragments.shared``): saving or deleting a lab, a lever or
a tag replaces the page cache's version, which forgets them with the cached pages.
"""

from cms.fragments import shared
from cms.i18n import in_reader_language
from cms.models import Lever

from .models import CaseStudyTag, Lab


def _by_translation_key(obj):
    return obj.translation_key


def _lab_slug(lab):
    return lab.slug


def _lever_code(lever):
    return lever.code


def labs(locale):
    """``{slug: lab}`` of every lab, by name, with its partners (a lab's page)."""

    def build():
        queryset = Lab.objects.order_by("name").select_related("locale")
        queryset = queryset.prefetch_related("partners")
        return in_reader_language(queryset, locale, key=_lab_slug)

    return shared("practices:labs", build, locale.pk)


def levers(locale):
    """``{code: lever}``: each lever followed by its entry points, in the series' order."""

    def build():
        queryset = Lever.objects.select_related("parent", "locale")
        found = in_reader_language(queryset, locale, key=_lever_code)
        return dict(sorted(found.items(), key=lambda item: lever_order(item[1])))

    return shared("practices:levers", build, locale.pk)


def all_tags(locale):
    """``{translation_key: tag}`` of every tag, in ``locale`` where translated, else its
    oldest version."""

    def build():
        queryset = CaseStudyTag.objects.select_related("locale").order_by("pk")
        return in_reader_language(queryset, locale, key=_by_translation_key)

    return shared("practices:tags", build, locale.pk)


def lever_order(lever):
    if lever.parent_id:
        return (lever.parent.number, 1, lever.number)
    return (lever.number, 0, 0)


def localized_tags(tags, locale):
    """``tags`` as the reader should see them: ``{translation_key: tag}``, each tag in
    ``locale`` where translated, else as it is. No query besides ``tags``'."""
    every = all_tags(locale)
    found = {}
    for tag in tags:
        translated = every.get(tag.translation_key)
        if translated is not None and translated.locale_id == locale.pk:
            tag = translated
        found.setdefault(tag.translation_key, tag)
    return found


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
