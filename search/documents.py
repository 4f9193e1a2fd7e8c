"""What the index stores for an object: its text in four tiers, language, kind and facets.

The text comes from the model's Wagtail ``search_fields``, and from its kind's ``text``
(what the page shows besides its own fields: people and their organisations, places,
the names of its tags, levers and lab in its language); nothing here is specific to a
model. What the public search page needs on top (the kind of result, its facet values,
its date, whether the public may see it) comes from :mod:`search.registry`, where each
app registers its kinds of content once.

The tiers weigh differently: title, lead, body, and labels (the names of the tags,
levers and lab a page carries), which weigh lightly, like facets: a page about a theme
ranks above pages that only carry its label. Labels never reach a snippet
(``Document.text`` is the lead and the body).
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Manager, prefetch_related_objects
from django.utils.encoding import force_str
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from wagtail.models import Locale, Page, PageViewRestriction

from .registry import kind_for

# Title tier: the "title" field and fields boosted 2 or more; lead tier: other boosted
# fields (summaries, intros); body tier: the rest. Each tier has its own weight.
TITLE_BOOST = 2
MAX_TEXT_LENGTH = 100_000


@dataclass
class Document:
    content_type_id: int
    object_id: str
    language: str
    kind: str = ""
    public: bool = False
    date: datetime.date | None = None
    title: str = ""
    lead: str = ""
    body: str = ""
    labels: str = ""
    autocomplete: str = ""
    facets: list = field(default_factory=list)

    @property
    def text(self):
        return "\n".join(part for part in (self.lead, self.body) if part)[:MAX_TEXT_LENGTH]


def _prepare(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "\n".join(_prepare(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_prepare(item) for item in value.values())
    return force_str(value)


def _collect(obj, search_fields, tiers, top_level=True):
    for search_field in search_fields:
        if isinstance(search_field, SearchField):
            boost = search_field.boost or 1
            if (top_level and search_field.field_name == "title") or boost >= TITLE_BOOST:
                tier = "title"
            elif boost > 1:
                tier = "lead"
            else:
                tier = "body"
            tiers[tier].append(_prepare(search_field.get_value(obj)))
        elif isinstance(search_field, AutocompleteField):
            tiers["autocomplete"].append(_prepare(search_field.get_value(obj)))
        elif isinstance(search_field, RelatedFields):
            related = search_field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = related.all()
            elif callable(related):
                related = related()
            else:
                related = [related]
            for item in related:
                _collect(item, search_field.fields, tiers, top_level=False)


def locale_languages():
    return dict(Locale.objects.values_list("id", "language_code"))


def language_of(obj, languages=None):
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return ""
    if languages is not None and locale_id in languages:
        return languages[locale_id]
    return obj.locale.language_code


class RestrictedPaths:
    """Paths of pages with a view restriction, read once per batch of pages."""

    def __init__(self):
        self.paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))

    def covers(self, page):
        return any(page.path.startswith(path) for path in self.paths)


def is_public_page(page, restricted):
    return page.live and page.depth > 1 and page.alias_of_id is None and not restricted.covers(page)


def build(obj, restricted=None, languages=None, shared=None):
    """The :class:`Document` for one object (use :func:`build_many` for batches).

    ``shared`` is a dict the kind's ``text`` and ``public`` may keep lookups in for a
    batch.
    """
    shared = {} if shared is None else shared
    model = type(obj)
    kind = kind_for(model)
    tiers = {"title": [], "lead": [], "body": [], "labels": [], "autocomplete": []}
    _collect(obj, model.get_search_fields(), tiers)
    language = kind.language(obj) if kind and kind.language else language_of(obj, languages)
    if kind is not None and kind.text is not None:
        for tier, value in kind.text(obj, language, shared):
            tiers[tier].append(_prepare(value))
    document = Document(
        content_type_id=ContentType.objects.get_for_model(model).pk,
        object_id=force_str(obj.pk),
        language=language,
        title=" ".join(filter(None, tiers["title"])),
        lead="\n".join(filter(None, tiers["lead"])),
        body="\n".join(filter(None, tiers["body"])),
        labels="\n".join(filter(None, tiers["labels"])),
        autocomplete=" ".join(filter(None, tiers["autocomplete"] or tiers["title"])),
    )
    if isinstance(obj, Page):
        document.date = obj.first_published_at.date() if obj.first_published_at else None
    if kind is None:
        return document
    if kind.public is not None:
        document.public = bool(kind.public(obj, shared))
    elif isinstance(obj, Page):
        document.public = is_public_page(obj, restricted or RestrictedPaths())
    else:
        document.public = True
    if not document.public:
        return document
    document.kind = kind.code
    if kind.date is not None:
        document.date = kind.date(obj)
    document.facets = [("type", kind.code)]
    if kind.facets is not None:
        document.facets.extend(
            (facet, str(value)) for facet, value in kind.facets(obj) if value not in (None, "")
        )
    return document


def build_many(model, objs):
    kind = kind_for(model)
    if kind is not None and kind.prefetch:
        prefetch_related_objects(objs, *kind.prefetch)
    restricted = RestrictedPaths() if issubclass(model, Page) else None
    languages = locale_languages()
    shared = {}
    return [build(obj, restricted, languages, shared) for obj in objs]
