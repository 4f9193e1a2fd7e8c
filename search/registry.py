"""What the apps tell the public search page: their kinds of result and facet labels.

``search/`` owns this registry and imports no content model: each app registers its own
content from its ``AppConfig.ready()`` (``sessions/search.py``, ``practices/search.py``).
The index, the backends and the view only know kinds and facets. Any page not registered
is a plain "page" result; any other indexed model (images, documents...) stays out of the
public page but remains searchable through Wagtail's API (the admin).
"""

from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from . import results_cache
from .models import FacetValue

# The key of ``Kind`` lookups that holds the request's site (from the results cache: a
# page's ``get_url(request)`` would read the sites and their root pages again).
SITE = "site"


@dataclass
class Kind:
    """A kind of result on the public search page, and how to read its facets."""

    code: str
    label: str
    facets: object = None  # (obj) -> iterable of (facet, value)
    date: object = None  # (obj) -> date or None
    # (obj, shared) -> bool; default for pages: live, not private, not an alias.
    # ``shared`` is the batch's dict, as for ``text`` below.
    public: object = None
    # url and title get ``lookups``, a dict for one page of results: a kind keeps there
    # what several results share (keys prefixed with its own name), looked up once;
    # ``lookups[SITE]`` is the request's Wagtail site, which links are made for.
    url: object = None  # (obj, request, lookups) -> str
    # (objs, request, lookups): called once with every object of the kind on a page of
    # results, before url and title, to look up in a few queries what they need.
    prepare: object = None
    title: object = None  # (obj, request, lookups) -> str shown instead of the indexed title
    language: object = None  # (obj) -> language code, for objects without a locale
    # (obj, language, shared) -> iterable of (tier, text): what the page shows besides its
    # own search_fields, in its language; tier "lead", "body" or "labels" (names of tags,
    # levers, labs: weighed lightly, never in snippets). ``shared`` lives for one batch.
    text: object = None
    prefetch: tuple = ()
    # The fields that url, title and prepare read, for only(): a page of results then
    # reads a few columns of each object (and of the rows joined for prefetch), not
    # whole rows. Empty: whole rows.
    fields: tuple = ()
    order: int = 100


PAGE_KIND = Kind("page", _("Pages"), order=90)

# Facets of the search page, in display order, with their labels.
FACETS = {
    "type": _("Type"),
    "lab": _("Lab"),
    "tag": _("Tag"),
    "lever": _("Lever"),
    "year": _("Year"),
}

KINDS = {}  # code -> Kind
_BY_MODEL = {}  # model -> Kind
LABELS = {}  # facet -> (values, language) -> {value: label}
STORED_LABELS = {}  # facet -> models whose changes make its kept labels stale
PAGE_DEPENDENTS = []  # (pages) -> queryset of objects whose public flag follows them
SHOWN_BY = {}  # model -> [(obj) -> querysets of the objects whose documents show it]
VOCABULARIES = []  # () -> iterable of Concept: what means the same across languages


@dataclass(frozen=True)
class Concept:
    """One meaning named in several languages: a tag, a lab, a lever, a glossary term.

    ``code`` is unique and stable (it names the concept in the SKOS export), ``scheme``
    says where it comes from, ``labels`` maps a language to its names, the preferred
    first, and ``notes`` a language to a note (the glossary's).
    """

    code: str
    scheme: str
    labels: dict
    notes: dict = None


def register(model, kind):
    """Show ``model`` on the public search page as ``kind`` (a :class:`Kind`)."""
    KINDS.setdefault(kind.code, kind)
    _BY_MODEL[model] = kind


def register_labels(facet, labeller, sources=()):
    """Label ``facet``'s values with ``labeller(values, language) -> {value: label}``.

    With ``sources`` (models), labels are kept with the index (``FacetValue.labels``) and
    forgotten when an object of those models is saved or deleted.
    """
    LABELS[facet] = labeller
    if not sources:
        return
    STORED_LABELS[facet] = tuple(sources)
    receiver = _forget_labels(facet)
    for model in sources:
        uid = f"search-labels-{facet}-{model._meta.label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid)


def register_page_dependents(dependents):
    """Objects indexed with a public flag that follows a page: ``dependents(pages)`` gives
    them, and they are re-indexed when the page's visibility changes (see signals)."""
    if dependents not in PAGE_DEPENDENTS:
        PAGE_DEPENDENTS.append(dependents)


def register_shown(model, showing):
    """Re-index what shows an object of ``model`` when it changes or goes:
    ``showing(obj)`` gives querysets of the objects (pages) whose documents hold its name
    (a person on a session, a tag on a case study). See ``signals.reindex_showing``."""
    from . import signals

    SHOWN_BY.setdefault(model, []).append(showing)
    uid = f"search-shown-{model._meta.label}"
    post_save.connect(signals.reindex_showing, sender=model, weak=False, dispatch_uid=uid)
    pre_delete.connect(signals.remember_showing, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(signals.reindex_showing, sender=model, weak=False, dispatch_uid=uid)


def register_vocabulary(source, sources=()):
    """Add ``source() -> iterable of Concept`` to the bilingual vocabulary that translates
    queries across languages; it is rebuilt when an object of ``sources`` (models) is
    saved or deleted."""
    if source not in VOCABULARIES:
        VOCABULARIES.append(source)
    for model in sources:
        uid = f"search-vocabulary-{model._meta.label}"
        post_save.connect(_forget_vocabulary, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(_forget_vocabulary, sender=model, weak=False, dispatch_uid=uid)


def _forget_vocabulary(sender, **kwargs):
    from .vocabulary import forget

    forget()


def _forget_labels(facet):
    def receiver(sender, **kwargs):
        if FacetValue.objects.filter(facet=facet).exclude(labels={}).update(labels={}):
            results_cache.facet_values_changed()

    return receiver


def kind_for(model):
    for klass in model.__mro__:
        if klass in _BY_MODEL:
            return _BY_MODEL[klass]
    if issubclass(model, Page) and model is not Page:
        return PAGE_KIND
    return None


def kind_choices():
    kinds = dict(KINDS)
    kinds.setdefault(PAGE_KIND.code, PAGE_KIND)
    return sorted(kinds.values(), key=lambda kind: kind.order)


def _type_labels(codes, language):
    kinds = {**KINDS, PAGE_KIND.code: PAGE_KIND}
    return {code: str(kinds[code].label) for code in codes if code in kinds}


register_labels("type", _type_labels)
