"""The public search: from the request's parameters to a page of results ready to render.

The backend does the searching (one query for hits, total and facet counts, whatever the
engine); this module turns its hits into results a reader can use: the object's URL,
the kind of result, a highlighted title and snippet, and the facets with their labels
and links. Objects are loaded per kind, a handful of queries for a page.
"""

import functools
import html
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from . import highlight, results_cache
from .backends.site import SiteQuery
from .facets import facet_labels, facet_order
from .query import clean
from .registry import FACETS, PAGE_KIND, SITE, kind_for
from .suggest import written_as

PER_PAGE = 10
# Below this many results, a query whose words the index does not know gets one
# "Did you mean" link (search.suggest).
SUGGEST_BELOW = 3
MAX_PAGE = 1000
FACET_PARAMS = tuple(FACETS)
MAX_FACET_VALUES_SHOWN = 12


@dataclass
class Result:
    title: str
    url: str
    kind: str
    kind_label: str
    language: str
    snippet: str
    obj: object = None


@dataclass
class FacetChoice:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    choices: list


@dataclass
class SearchPage:
    query: str
    results: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    num_pages: int = 0
    facets: list = field(default_factory=list)
    filters: dict = field(default_factory=dict)
    picks: list = field(default_factory=list)
    all_languages: bool = False
    searchable: bool = True
    params: object = None
    suggestion: str = ""  # "Did you mean": the corrected query
    suggestion_url: str = ""

    @property
    def first_number(self):
        return (self.page - 1) * PER_PAGE + 1

    @property
    def previous_url(self):
        return self.url_for_page(self.page - 1) if self.page > 1 else None

    @property
    def next_url(self):
        return self.url_for_page(self.page + 1) if self.page < self.num_pages else None

    @cached_property
    def page_links(self):
        """Links to the pages around the current one, with None for a gap."""
        shown = {1, self.num_pages}
        shown.update(range(max(1, self.page - 2), min(self.num_pages, self.page + 2) + 1))
        links, previous = [], 0
        for number in sorted(shown):
            if number - previous > 1:
                links.append(None)
            links.append(
                {"number": number, "url": self.url_for_page(number), "current": number == self.page}
            )
            previous = number
        return links

    def url_for_page(self, number):
        params = self.params.copy()
        if number > 1:
            params["page"] = str(number)
        else:
            params.pop("page", None)
        return "?" + params.urlencode()


def content_languages():
    return [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]


def read_params(params):
    """The query text, filters, language switch and page number, whatever was sent."""
    text = clean(params.get("q", ""))
    filters = {}
    for name in FACET_PARAMS:
        value = clean(params.get(name, ""), max_length=100)
        if value:
            filters[name] = value
    try:
        page = min(max(int(params.get("page", "1")), 1), MAX_PAGE)
    except ValueError:
        page = 1
    return text, filters, params.get("lang") == "all", page


def search(request):
    text, filters, all_languages, page = read_params(request.GET)
    current = translation.get_language()
    params = request.GET.copy()
    for key in list(params):
        if key not in ("q", "lang", "page", *FACET_PARAMS):
            del params[key]
    if text:
        params["q"] = text  # links carry the query as searched (trimmed, one space)
    result = SearchPage(query=text, filters=filters, all_languages=all_languages, params=params)
    if not text:
        return result
    # The page's search and its rendering (results, snippets, facets, "did you mean",
    # editors' picks) are the same for every visitor asking it of this generation of the
    # index: read them from the results cache, with no query. A pick's page changes the
    # generation as every indexed page does (publish, unpublish, restriction, move), and
    # a promotion's own changes change it too (search.signals).
    found = _cached_page(request, text, filters, all_languages, page, current, params)
    for name, value in found.items():
        setattr(result, name, value)
    return result


def _cached_page(request, text, filters, all_languages, page, current, params, suggest=True):
    return results_cache.cached(
        "page",
        _page_key(request, current, params),
        lambda: _results_page(
            request, text, filters, all_languages, page, current, params, suggest
        ),
    )


def _keep_page(request, current, params, values):
    """Keep ``values`` as the results page of ``params`` (a query that searches the same)."""
    results_cache.cached("page", _page_key(request, current, params), lambda: values)


def _page_key(request, current, params):
    return [current, request.get_host(), sorted(params.lists())]


def _results_page(request, text, filters, all_languages, page, current, params, suggest):
    """What a results page shows, as plain values that can be cached and shared; with
    ``suggest``, a "Did you mean" when it finds little."""
    backend = get_search_backend()
    languages = content_languages() if all_languages else [current]
    # In the other languages, the query's known terms are also searched translated.
    translate_from = current if all_languages else ""

    def asked(page):
        return SiteQuery(
            text, tuple(languages), filters, (page - 1) * PER_PAGE, PER_PAGE, translate_from
        )

    found = backend.site_search(asked(page))
    num_pages = math.ceil(found.total / PER_PAGE)
    if found.total and page > num_pages:
        # Past the last page (an old link): show the last one.
        page = num_pages
        found = backend.site_search(asked(page))
    values = {
        "searchable": found.searchable,
        "total": found.total,
        "num_pages": num_pages,
        "page": page,
        "suggestion": "",
        "suggestion_url": "",
    }
    if suggest and found.searchable and found.total < SUGGEST_BELOW:
        values["suggestion"], values["suggestion_url"] = _suggestion(
            request, text, filters, all_languages, current, params, languages, found.total
        )
    values["results"] = [
        replace(result, obj=None) for result in build_results(request, found.hits, found.terms)
    ]
    values["facets"] = build_facets(found.facets, filters, params, found.labels)
    values["picks"] = editors_picks(request, text) if page == 1 else []
    return values


def _suggestion(request, text, filters, all_languages, current, params, languages, total):
    """ "Did you mean" (the corrected query, and its link), or ("", ""): offered only when
    it finds more than ``total`` (a word no correction reaches may still find nothing).
    With other languages and nothing found, a word may be a typo of theirs: the reader's
    index words correct it first, then each other language's. Not when something is
    found: the reader's own words, rightly typed, would be "corrected" into another
    language's near ones (université into university)."""
    readings = [current, *languages] if total == 0 else [current]
    for language in dict.fromkeys(readings):
        suggestion = did_you_mean(text, language)
        if not suggestion:
            continue
        suggested = params.copy()
        suggested["q"] = suggestion
        suggested.pop("page", None)
        # Its page is made now, and kept for the reader who follows the link; it offers
        # no suggestion of its own (another language's words could correct it back).
        better = _cached_page(
            request, suggestion, filters, all_languages, 1, current, suggested, suggest=False
        )
        if better["total"] > total:
            # Its words as its pages write them (accents), under that address too.
            texts = [
                html.unescape(strip_tags(f"{hit.title} {hit.snippet}")) for hit in better["results"]
            ]
            suggestion = written_as(suggestion, text, texts, language)
            suggested["q"] = suggestion
            _keep_page(request, current, suggested, better)
            return suggestion, "?" + suggested.urlencode()
    return "", ""


def ranked_ids(text, kind, languages=None, limit=None, translate_from=""):
    """The ids of the first ``limit`` public objects of ``kind`` (a registered kind's code)
    matching ``text`` (all without a limit), best first, as strings: the search page's
    analysis, indexed text and ranking, in each of ``languages`` (default: every content
    language) with its own analysis; with the query's known terms translated from
    ``translate_from`` as "Include results in other languages" translates them, when given.

    For a page that keeps its own filters, counts and pages (the library): it asks for the
    ranked hits it shows, and for what matches with ``matching_ids``. Empty when nothing
    matches or nothing is left to search (only stop words). Kept in the results cache for
    this generation of the index: a reader turning pages asks again.
    """
    site_query = _id_query(text, kind, languages, translate_from)
    if not site_query:
        return []
    parts = [site_query.text, site_query.languages, site_query.filters, limit, translate_from]
    return results_cache.cached(
        "ranked-ids", parts, lambda: get_search_backend().site_ids(site_query, limit=limit)
    )


def matching_ids(text, kind, languages=None, translate_from=""):
    """The ids of every public object of ``kind`` matching ``text``, as ``ranked_ids``
    finds them but in no particular order: what matches, cheaply, for counting. Not kept
    in the results cache: the caller keeps what it makes of them (``practices.listing``)."""
    site_query = _id_query(text, kind, languages, translate_from)
    return get_search_backend().site_id_set(site_query) if site_query else []


def keyword_ids(text, kind, languages=None, limit=None, translate_from=""):
    """(``ranked_ids(..., limit=limit)``, ``matching_ids(...)``) from one search: a page
    listing its first hits by relevance reads both, with fewer queries than apart."""
    site_query = _id_query(text, kind, languages, translate_from)
    return get_search_backend().site_ids_and_set(site_query, limit) if site_query else ([], [])


def did_you_mean(text, language):
    """The search page's "Did you mean" (search.suggest) for ``text`` in ``language``: the
    text with its words the index does not know corrected, or None: this page's, and the
    library's when its keywords find nothing."""
    text = clean(text)
    return get_search_backend().site_suggestion(text, language) if text else None


def _id_query(text, kind, languages, translate_from):
    text = clean(text)
    if not text:
        return None
    languages = tuple(languages or content_languages())
    return SiteQuery(text, languages, {"type": kind}, translate_from=translate_from)


def build_results(request, hits, terms):
    """Results for the hits, in order, with their URLs: one query per kind of object.

    Pages need only their base row for a URL (path and locale), which the database
    engines read with the hits; the others' (Elasticsearch) come in one query.
    """
    pages, others = [], defaultdict(list)
    objects = {}
    for hit in hits:
        model = ContentType.objects.get_for_id(hit.content_type_id).model_class()
        if model is None:
            continue
        kind = kind_for(model)
        if issubclass(model, Page) and (kind is None or kind.url is None):
            if hit.url_path is None:
                pages.append(hit.object_id)
            else:
                objects[(Page, hit.object_id)] = _page_row(hit)
        else:
            others[model].append(hit.object_id)
    if pages:
        # A page's URL needs only its path and locale; the whole row costs twice as much.
        for page in (
            Page.objects.filter(pk__in=pages).only("id", "url_path", "locale_id").order_by()
        ):
            objects[(Page, str(page.pk))] = page
    # What the kinds share between these results, the request's site first.
    lookups = {SITE: _current_site(request) if hits else None}
    for model, object_ids in others.items():
        kind = kind_for(model)
        loaded = _load(model, object_ids, kind or PAGE_KIND)
        for obj in loaded:
            objects[(model, str(obj.pk))] = obj
        if kind is not None and kind.prepare is not None and loaded:
            kind.prepare(loaded, request, lookups)
    results = []
    site = lookups[SITE]
    for hit in hits:
        model = ContentType.objects.get_for_id(hit.content_type_id).model_class()
        kind = kind_for(model) if model else None
        obj = objects.get((Page, hit.object_id)) if model and issubclass(model, Page) else None
        obj = obj or objects.get((model, hit.object_id))
        if obj is None:
            continue  # Deleted since it was indexed; the index catches up on its own.
        kind = kind or PAGE_KIND
        url = kind.url(obj, request, lookups) if kind.url else _url(obj, request, site)
        if not url:
            continue
        words = terms.get(hit.language, set())
        title = kind.title(obj, request, lookups) if kind.title else hit.title
        results.append(
            Result(
                title=highlight.highlight(title, words, hit.language),
                url=url,
                kind=kind.code,
                kind_label=str(kind.label),  # see Facet's label in build_facets
                language=hit.language,
                snippet=highlight.snippet(hit.text or "", words, hit.language),
                obj=obj,
            )
        )
    return results


def _load(model, object_ids, kind):
    """The objects with the lookups their kind reads (``kind.prefetch``): a chain of
    forward relations (a segment's transcript and recording) joined in the objects'
    query, the others prefetched; only ``kind.fields`` when it names them. Each query
    is a round trip to a database server."""
    related = kind.prefetch
    joined = [path for path in related if _forward(model, path)]
    queryset = model._default_manager.filter(pk__in=object_ids)
    if joined:  # select_related() without a path would join every foreign key
        queryset = queryset.select_related(*joined)
    if kind.fields:
        queryset = queryset.only(*kind.fields)
    return list(queryset.prefetch_related(*(path for path in related if path not in joined)))


def _forward(model, path):
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if not (field.concrete and (field.many_to_one or field.one_to_one)):
            return False
        model = field.related_model
    return True


def _page_row(hit):
    """The page of ``hit`` as loaded with only its path and locale (its link's needs)."""
    values = {"id": int(hit.object_id), "url_path": hit.url_path, "locale_id": hit.locale_id}
    names = _page_row_fields()
    return Page.from_db(DEFAULT_DB_ALIAS, names, [values[name] for name in names])


@functools.cache
def _page_row_fields():
    """id, url_path and locale_id in Page's field order, the order from_db takes."""
    wanted = {"id", "url_path", "locale_id"}
    return [field.attname for field in Page._meta.concrete_fields if field.attname in wanted]


def _current_site(request):
    """The request's Wagtail site, which a page's link is made for (a path on its own
    site, an address on another), from the results cache: kept for the host until a Site
    is saved or deleted (search.signals). Wagtail's ``Site.find_for_request`` reads the
    sites and the root page for each request."""
    host, port = request.get_host(), request.get_port()
    return results_cache.cached_site([host, port], lambda: Site.find_for_request(request))


def _url(obj, request, site):
    if isinstance(obj, Page):
        return obj.relative_url(site, request)
    get_url = getattr(obj, "get_absolute_url", None)
    return get_url() if get_url else None


def build_facets(counts, filters, params, stored=None):
    facets = []
    stored = stored or {}
    for name, label in FACETS.items():
        values = counts.get(name) or {}
        if not values and name not in filters:
            continue
        shown = [*values, *([filters[name]] if name in filters else [])]
        labels = facet_labels(name, shown, translation.get_language(), stored.get(name))
        # The other parameters are the same for every value of the facet: encode them once.
        others = urlencode({key: params[key] for key in params if key not in ("page", name)})
        removed = "?" + others
        ordered = sorted(values.items(), key=lambda item: facet_order(name, item))
        choices = []
        for value, count in ordered[:MAX_FACET_VALUES_SHOWN]:
            selected = filters.get(name) == value
            added = urlencode({name: value})
            url = removed if selected else (f"{removed}&{added}" if others else f"?{added}")
            choices.append(FacetChoice(value, labels.get(value, value), count, selected, url))
        if name in filters and not any(choice.selected for choice in choices):
            value = filters[name]
            choices.insert(0, FacetChoice(value, labels.get(value, value), 0, True, removed))
        # As text in the reader's language, which the results cache's key holds: a lazy
        # translation read back from the cache is rebuilt, a class of its own each time,
        # which took most of a cache hit.
        facets.append(Facet(name, str(label), choices))
    return facets


def editors_picks(request, text):
    """Wagtail's search promotions for this query, in the reader's language."""
    normalised = normalise_query_string(text)
    if normalised not in promoted_queries():
        return []
    picks = []
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalised)
        .order_by("sort_order")
        .values_list("page_id", "external_link_url", "external_link_text", "description")
    )
    for page_id, link_url, link_text, description in promotions:
        if page_id:
            page = Page.objects.get(pk=page_id).localized
            # Picks show to everyone: a restricted page's title and summary must not.
            if not page.live or page.get_view_restrictions().exists():
                continue
            picks.append(
                {
                    "title": page.title,
                    "url": page.get_url(request),
                    "description": description or page.search_description,
                }
            )
        elif link_url:
            picks.append(
                {"title": link_text or link_url, "url": link_url, "description": description}
            )
    return picks


def promoted_queries():
    """The (normalised) queries that have editors' picks. Most queries have none: which
    do is read once until a promotion changes (search.signals), not by every results page
    missed, nor again after each write to the index."""
    return results_cache.cached_promotions(
        lambda: frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True))
    )


def suggestions(request, text, limit=8):
    """Search-as-you-type: titles in the reader's language whose words start as typed."""
    text = clean(text, max_length=100)
    if len(text) < 2:
        return []
    backend = get_search_backend()
    language = translation.get_language()
    hits = backend.site_autocomplete(text, [language], limit=limit)
    if not hits:
        # One wrong letter in what is being typed still suggests.
        corrected = backend.site_prefix_correction(text, language)
        if corrected:
            hits = backend.site_autocomplete(corrected, [language], limit=limit)
    return [
        {"title": str(result.title), "url": result.url, "kind": str(result.kind_label)}
        for result in build_results(request, hits, {})
    ]
