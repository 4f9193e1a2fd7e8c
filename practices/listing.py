"""The library's faceted listing: filters from the URL, counts per facet value, results.

Everything a reader chose lives in the query string (``?lab=marseille&tag=logement``),
so a filtered listing can be shared, bookmarked and walked with the back button, and
it works without JavaScript: the page is a GET form.

Rules the reader can rely on:

* The library lists each case study once, in the reader's language when that
  version is published, otherwise in the language it exists in.
* Values of one facet widen the selection (any of them); facets narrow it (all of
  them). Each facet's counts are computed with every *other* facet applied, so a
  count says what ticking that box would add.
* A lever also matches the case studies linked to its entry points.
* Keywords go through the site's search engine (``search.service``): the
  same analysis (accents, elision, compounds, stems), the same indexed text (title,
  summary, story, actors, outcomes, lessons, place, city) and the same ranking as the
  search page, on every engine. A case study matches by the text of the version listed.
  With keywords, the results are sorted by relevance unless the reader picks a sort.

Filters, counts and order come from ``practices.library_index`` (bits per facet value,
kept per process and rebuilt when the library changes), so neither the time nor the
number of queries of a page grows with the number of case studies: the queries are the
index's token, the keyword search, the vocabularies' names and the page of results. The
keyword search is kept in the search's results cache for the index's generation: ticking
a facet or turning a page with the same keywords does not search again.
"""

import datetime
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import OuterRef, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from search import results_cache
from search.service import did_you_mean, keyword_ids, matching_ids, ranked_ids, written_as

from . import library_index, vocabulary
from .models import CaseStudyLever, CaseStudyPage, TaggedCaseStudy

PER_PAGE = 20
MAX_VALUES = 50  # per facet: more is not a person choosing
MAX_VALUE_LENGTH = 100
TAG_FACET_SIZE = 25
TAG_CLOUD_SIZE = 40
# With keywords and filters, the engine's ranked hits asked for a page: what the page
# needs if the filters keep the same share of the best hits as of all hits, and a margin.
RANKED_MARGIN = 1.25
# By relevance, the ranked ids asked for with what matches (one search): what the first
# page asks for without filters (ranked_page's limit).
FIRST_RANKED = 2 * PER_PAGE
# What a row of results does not show: the story and the other long fields, which cost
# more to load (StreamField and rich text) than everything the row shows.
ROW_DEFERRED = ("body", "actors", "outcomes", "lessons", "resources", "images")

SORTS = {
    "recent": (_("Most recent first"), ("-start_year", "-ongoing", Lower("title"))),
    "oldest": (_("Oldest first"), ("start_year", Lower("title"))),
    "title": (_("Title (A–Z)"), (Lower("title"), "start_year")),
    "updated": (_("Last updated"), ("-last_published_at",)),
    # With keywords only: the search engine's order.
    "relevance": (_("Best match"), None),
}
DEFAULT_SORT = "recent"
TEXT_SORT = "relevance"  # the default with keywords


def default_sort(q):
    return TEXT_SORT if q else DEFAULT_SORT


@dataclass(frozen=True)
class Period:
    value: str
    label: str
    first: int | None  # inclusive; None: open
    last: int | None

    def q(self):
        """Case studies active at some point of the period."""
        if self.value == "ongoing":
            return Q(ongoing=True)
        q = Q()
        if self.last is not None:
            q &= Q(start_year__lte=self.last)
        if self.first is not None:
            q &= (
                Q(ongoing=True)
                | Q(end_year__gte=self.first)
                | Q(end_year__isnull=True, start_year__gte=self.first)
            )
        return q

    def covers(self, start, end, ongoing):
        """``q()`` for one case study, in Python (the library's facet index)."""
        if self.value == "ongoing":
            return bool(ongoing)
        if self.last is not None and start > self.last:
            return False
        if self.first is not None:
            return bool(
                ongoing
                or (end is not None and end >= self.first)
                or (end is None and start >= self.first)
            )
        return True


def periods():
    decade = datetime.date.today().year // 10 * 10
    found = [Period("before-1990", _("Before 1990"), None, 1989)]
    for start in range(1990, decade + 1, 10):
        label = pgettext_lazy("a decade", "%(decade)ss") % {"decade": start}
        found.append(Period(str(start), label, start, start + 9))
    found.append(Period("ongoing", _("Ongoing"), None, None))
    return found


def _clean(text):
    # No database stores NUL, and no code or name holds a control character.
    return "".join(char for char in text if char.isprintable())


def _values(data, name, allowed=None):
    values = []
    for value in data.getlist(name)[:MAX_VALUES]:
        value = _clean(value).strip()[:MAX_VALUE_LENGTH]
        if value and value not in values and (allowed is None or value in allowed):
            values.append(value)
    return values


@dataclass
class Filters:
    q: str = ""
    lab: list = field(default_factory=list)
    tag: list = field(default_factory=list)
    lever: list = field(default_factory=list)
    country: list = field(default_factory=list)
    period: list = field(default_factory=list)
    lang: list = field(default_factory=list)
    sort: str = DEFAULT_SORT

    FACETS = ("lab", "tag", "lever", "country", "period", "lang")

    @classmethod
    def from_query(cls, data):
        """Read the query string; unknown values are dropped, never an error."""
        q = " ".join(_clean(data.get("q", "")).split())[:200]
        sort = data.get("sort")
        if sort not in SORTS or (sort == TEXT_SORT and not q):
            sort = default_sort(q)
        return cls(
            q=q,
            lab=_values(data, "lab"),
            tag=_values(data, "tag"),
            lever=_values(data, "lever"),
            # ``in countries`` reads the codes; dict(countries) would sort every name.
            country=_values(data, "country", allowed=countries),
            period=_values(data, "period", allowed={p.value for p in periods()}),
            lang=_values(data, "lang", allowed=dict(settings.LANGUAGES)),
            sort=sort,
        )

    @property
    def active(self):
        return bool(self.q or any(getattr(self, facet) for facet in self.FACETS))

    def pairs(self, include_sort=True):
        pairs = [("q", self.q)] if self.q else []
        for facet in self.FACETS:
            pairs += [(facet, value) for value in getattr(self, facet)]
        if include_sort and self.sort != default_sort(self.q):
            pairs.append(("sort", self.sort))
        return pairs

    def querystring(self, **extra):
        pairs = self.pairs() + [(key, value) for key, value in extra.items() if value]
        return f"?{urlencode(pairs)}" if pairs else ""

    def without(self, facet, value=None):
        """The query string with one value (or the whole text search) removed."""
        pairs = [
            (key, val)
            for key, val in self.pairs()
            if not (key == facet and (value is None or val == value))
        ]
        return f"?{urlencode(pairs)}" if pairs else "?"


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    lang: str = ""  # set when the label is not in the reader's language
    size: int = 1  # tag cloud weight, 1-5


@dataclass
class Facet:
    name: str
    label: str
    options: list

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


class Listing:
    """One reader's view of the library's case studies: their language and their filters."""

    def __init__(self, locale, filters):
        self.locale = locale
        self.filters = filters
        self.periods = periods()
        self.index = library_index.get(self.periods)
        self.entries = self.index.languages.get(locale.language_code) or library_index.EMPTY
        masks = {}
        self._first_ranked, self.matched = None, 0
        if filters.q:
            self._keyword_search = self._keywords()
            self._first_ranked, self.matched, masks["q"] = self._keyword_search
        for facet in Filters.FACETS:
            values = getattr(filters, facet)
            if facet == "tag":
                values = {key for slug in values for key in self.index.tag_keys.get(slug, ())}
            if values:
                masks[facet] = self.entries.mask(facet, values)
        self._masks = masks

    def _keywords(self):
        """(the first ranked ids, by relevance, or None; how many case studies match; their
        bits) of the keywords. Kept in the search's results cache for this generation of
        the search index and of the library's: a reader who ticks a facet or turns a page
        asks the same keywords again, and for a word in 10,000 case studies both the
        search and turning its ids into bits grow with them."""
        return results_cache.cached(
            "library-keywords", self._keywords_key(self.filters.q), self.search_keywords
        )

    def search_keywords(self):
        """``_keywords`` asked of the engine, not of the results cache (a first search)."""
        first = None
        languages = self.entries.languages
        if self.by_relevance:
            # What matches, for the total and the counts, and the first ranked hits,
            # which nearly always hold the page shown (ranked_page), from one search.
            # A listed version matches by its own language's text.
            first, matched = keyword_ids(
                self.filters.q,
                "case_study",
                languages,
                limit=FIRST_RANKED,
                translate_from=self.translate_from,
            )
        else:
            matched = matching_ids(
                self.filters.q, "case_study", languages, translate_from=self.translate_from
            )
        # Counted as listed entries: with other languages searched, the hits also
        # hold versions the listing does not show (their entry shows another).
        found = self.entries.matching(matched)
        return first, found.bit_count(), found

    @cached_property
    def translate_from(self):
        """The reader's language when the library lists versions in others (case studies
        not yet translated, shown in their own words), else "". The keywords reach those
        versions translated, as "Include results in other languages" does on the search
        page (``search.vocabulary``): ``housing`` finds a French-only case study on
        *logement*. When every entry is in the reader's language, as typed."""
        language = self.locale.language_code
        return language if set(self.entries.languages) - {language} else ""

    def _keywords_key(self, keywords):
        index = self.index
        return [index.token, index.decade, self.locale.language_code, keywords, self.by_relevance]

    def keep_as(self, keywords):
        """Keep this listing's keyword search for ``keywords``, which search the same."""
        search = self._keyword_search
        results_cache.cached("library-keywords", self._keywords_key(keywords), lambda: search)

    @cached_property
    def suggestion(self):
        """ "Did you mean": the keywords with the words the index does not know corrected
        (the search page's, ``search.suggest``), when they match no case study and the
        corrected ones find some with the same filters; else "". Kept in the results cache
        like the keywords' search, and so is the corrected keywords' search, made here to
        count them, for the reader who follows the link."""
        if not self.filters.q or self.matched:
            return ""

        def suggest():
            language = self.locale.language_code
            corrected = did_you_mean(self.filters.q, language)
            if not corrected:
                return ""
            found = Listing(self.locale, self.with_keywords(corrected))
            if not found.count:
                return ""
            # Written as the case studies it finds write it (the index keeps its words
            # without accents), and their search kept under the address the link gives.
            rows = CaseStudyPage.objects.filter(pk__in=found.page_pks(0, PER_PAGE))
            texts = [" ".join(row) for row in rows.values_list("title", "summary")]
            written = written_as(corrected, self.filters.q, texts, language)
            if written != corrected:
                found.keep_as(written)
            return written

        index = self.index
        parts = [index.token, index.decade, self.locale.language_code, self.filters.pairs()]
        return results_cache.cached("library-suggestion", parts, suggest)

    def with_keywords(self, text):
        """These filters with other keywords."""
        return replace(self.filters, q=text)

    # Filtering

    def mask(self, skip=None):
        """The entries every filter but ``skip`` keeps, as bits."""
        mask = self.entries.everything
        for facet, facet_mask in self._masks.items():
            if facet != skip:
                mask &= facet_mask
        return mask

    @cached_property
    def count(self):
        return self.mask().bit_count()

    @property
    def by_relevance(self):
        return self.filters.sort == TEXT_SORT and bool(self.filters.q)

    @cached_property
    def order(self):
        """The positions in the listing's sort (by relevance: the default sort's)."""
        sort = self.filters.sort if self.filters.sort in self.entries.orders else DEFAULT_SORT
        return self.entries.orders.get(sort, [])

    def ranked_page(self, start, stop):
        """The pks from ``start`` to ``stop`` by relevance.

        The engine ranks the first hits only, as many as the page needs given how many
        of them the filters keep (the whole ranked set would cost what every hit costs);
        when too few are kept, it is asked for four times more.
        """
        mask = self.mask()
        wanted = min(stop, self.count) - start
        if wanted <= 0:
            return []
        kept = max(self.count, 1) / max(self.matched, 1)
        limit = max(stop + PER_PAGE, math.ceil((start + wanted) / kept * RANKED_MARGIN))
        while True:
            first = self._first_ranked
            if first is not None and (limit <= FIRST_RANKED or len(first) < FIRST_RANKED):
                ids = first[:limit]  # asked for with what matches: every hit, or enough
            else:
                ids = ranked_ids(
                    self.filters.q,
                    "case_study",
                    self.entries.languages,
                    limit=limit,
                    translate_from=self.translate_from,
                )
            pks = self.entries.page(mask, self.entries.ranked(ids), start, stop)
            if len(pks) >= wanted or len(ids) < limit:
                return pks
            limit *= 4

    def page_pks(self, start, stop):
        """The pks of the case studies listed from ``start`` to ``stop``."""
        if self.by_relevance:
            return self.ranked_page(start, stop)
        return self.entries.page(self.mask(), self.order, start, stop)

    def load(self, pks):
        """The listed case studies ``pks``, in that order, with their relations."""
        if not pks:
            return []
        # The index lists live, public pages only, for the token read with this request:
        # no second read of the view restrictions here.
        found = {
            page.pk: page
            for page in page_rows(
                CaseStudyPage.objects.live().filter(pk__in=pks).defer(*ROW_DEFERRED)
            )
        }
        return [found[pk] for pk in pks if pk in found]

    def paginate(self, number):
        """The Django ``Page`` of results ``number`` (any value: a bad one gives 1 or last);
        its ``object_list`` holds the pks of the case studies listed (``load`` them, or
        their rows: ``practices.rows``)."""
        return Paginator(_Results(self), PER_PAGE).get_page(number)

    def results(self):
        """Every listed case study as a queryset (the exports), in the listing's sort;
        by relevance, in the default sort (the engine's order is not a column)."""
        pks = self.entries.ordered_pks(self.mask(), self.order)
        sort = self.filters.sort if self.filters.sort != "relevance" else DEFAULT_SORT
        return (
            CaseStudyPage.objects.live()
            .public()
            .filter(pk__in=_id_list(pks))
            .order_by(*SORTS[sort][1], "pk")
        )

    @staticmethod
    def _version_in(language_code):
        return (
            CaseStudyPage.objects.live()
            .public()
            .filter(
                translation_key=OuterRef("translation_key"), locale__language_code=language_code
            )
        )

    # Vocabularies, each in the reader's language (falling back to the source)

    @cached_property
    def labs(self):
        return vocabulary.labs(self.locale)

    @cached_property
    def levers(self):
        """Each lever followed by its entry points, in the series' order."""
        return vocabulary.levers(self.locale)

    # Facets

    def facets(self):
        return [
            self.lab_facet(),
            self.lever_facet(),
            self.tag_facet(limit=TAG_FACET_SIZE),
            self.country_facet(),
            self.period_facet(),
            self.language_facet(),
        ]

    def _counts(self, facet):
        return self.entries.counts(facet, self.mask(skip=facet))

    def lab_facet(self):
        counts = self._counts("lab")
        options = [
            Option(code, lab.name, counts.get(code, 0), code in self.filters.lab, _lang(lab, self))
            for code, lab in self.labs.items()
        ]
        return Facet("lab", _("Lab"), _visible(options))

    def country_facet(self):
        counts = self._counts("country")
        language = get_language()
        options = [
            Option(code, _country_name(code, language), count, code in self.filters.country)
            for code, count in counts.items()
            if code
        ]
        options += [
            Option(code, _country_name(code, language), 0, True)
            for code in self.filters.country
            if code not in counts
        ]
        return Facet("country", _("Country"), sorted(options, key=lambda o: o.label))

    def lever_facet(self):
        counts = self._counts("lever")
        options = [
            Option(
                code,
                lever.name,
                counts.get(code, 0),
                code in self.filters.lever,
                _lang(lever, self),
            )
            for code, lever in self.levers.items()
        ]
        return Facet("lever", _("Lever"), _visible(options))

    def period_facet(self):
        counts = self._counts("period")
        options = [
            Option(
                period.value,
                str(period.label),
                counts.get(period.value, 0),
                period.value in self.filters.period,
            )
            for period in self.periods
        ]
        return Facet("period", _("Period"), _visible(options))

    def language_facet(self):
        counts = self._counts("lang")
        names = dict(settings.LANGUAGES)
        options = [
            Option(code, str(names[code]), counts.get(code, 0), code in self.filters.lang)
            for code, _name in settings.LANGUAGES
        ]
        return Facet("lang", _("Available in"), _visible(options))

    @cached_property
    def tag_counts(self):
        """``{translation_key: count}`` with every filter but the tag filter."""
        return self._counts("tag")

    @cached_property
    def _tags(self):
        every = vocabulary.all_tags(self.locale)
        selected = {key for slug in self.filters.tag for key in self.index.tag_keys.get(slug, ())}
        wanted = set(self.tag_counts) | selected
        return {key: tag for key, tag in every.items() if key in wanted}, selected

    @property
    def tag_names(self):
        """Every tag in use and every selected tag, by translation key, in the reader's language."""
        return self._tags[0]

    @property
    def selected_tags(self):
        """The translation keys of the tags the filters name."""
        return self._tags[1]

    def _tag_options(self):
        counts, names = self.tag_counts, self.tag_names
        selected = self.selected_tags
        options = [
            Option(
                tag.slug,
                tag.name,
                counts.get(key, 0),
                key in selected,
                "" if tag.locale_id == self.locale.pk else tag.locale.language_code,
            )
            for key, tag in names.items()
        ]
        return sorted(options, key=lambda o: (-o.count, o.label.lower()))

    def tag_facet(self, limit=None):
        options = [o for o in self._tag_options() if o.count or o.selected]
        if limit is not None:
            shown = options[:limit]
            shown += [o for o in options[limit:] if o.selected]
            options = shown
        return Facet("tag", _("Tag"), options)

    def tag_cloud(self, limit=TAG_CLOUD_SIZE):
        options = [o for o in self._tag_options() if o.count][:limit]
        if options:
            top = max(o.count for o in options)
            for option in options:
                option.size = (
                    1 + round(4 * math.log(option.count) / math.log(top)) if top > 1 else 3
                )
        return sorted(options, key=lambda o: o.label.lower())

    # The rows of one page of results

    def decorate(self, pages):
        """Attach the reader's names of lab, tags and levers to each listed page."""
        labs, levers, tags = self.labs, self.levers, self.tag_names
        for page in pages:
            page.lab_localized = labs.get(page.lab.slug, page.lab) if page.lab_id else None
            page.tags_localized = [
                tags.get(item.tag.translation_key, item.tag) for item in page.tagged_items.all()
            ]
            page.levers_localized = [
                levers.get(link.lever.code, link.lever) for link in page.lever_links.all()
            ]
        return pages


def page_rows(queryset):
    from django.db.models import Prefetch

    return queryset.select_related("lab", "locale").prefetch_related(
        Prefetch("tagged_items", queryset=TaggedCaseStudy.objects.select_related("tag")),
        Prefetch("lever_links", queryset=CaseStudyLever.objects.select_related("lever")),
    )


class _Results(Sequence):
    """The listing's pks as a sequence for Django's Paginator: a slice finds that page's."""

    def __init__(self, listing):
        self.listing = listing

    def __len__(self):
        return self.listing.count

    def __getitem__(self, item):
        if isinstance(item, slice):
            start, stop, _step = item.indices(len(self))
            return self.listing.page_pks(start, stop)
        pks = self.listing.page_pks(item, item + 1)
        if not pks:
            raise IndexError(item)
        return pks[0]


def _id_list(pks):
    """A subquery of ``pks``, one parameter whatever their number (no variable limit)."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [list(pks)])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(pks))])


@lru_cache(maxsize=4096)
def _country_name(code, language):
    """A country's name in a language: from the catalogues (code, not content), looked up
    once per process rather than for every option of every render."""
    with translation.override(language):
        return str(countries.name(code))


def _visible(options):
    return [option for option in options if option.count or option.selected]


def _lang(obj, listing):
    return "" if obj.locale_id == listing.locale.pk else obj.locale.language_code
