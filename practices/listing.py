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

The number of queries does not depend on the number of case studies, tags or
selected values: every facet is one grouped or conditional aggregate, names come
from one query per vocabulary, and the page of results prefetches its relations.
"""

import datetime
import math
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from cms.models import Lever

from . import vocabulary
from .models import CaseStudyLever, CaseStudyPage, TaggedCaseStudy
from .vocabulary import tag_keys_for_slugs

PER_PAGE = 20
MAX_VALUES = 50  # per facet: more is not a person choosing
MAX_VALUE_LENGTH = 100
TAG_FACET_SIZE = 25
TAG_CLOUD_SIZE = 40

SORTS = {
    "recent": (_("Most recent first"), ("-start_year", "-ongoing", Lower("title"))),
    "oldest": (_("Oldest first"), ("start_year", Lower("title"))),
    "title": (_("Title (A–Z)"), (Lower("title"), "start_year")),
    "updated": (_("Last updated"), ("-last_published_at",)),
}
DEFAULT_SORT = "recent"


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
        sort = data.get("sort", DEFAULT_SORT)
        return cls(
            q=" ".join(_clean(data.get("q", "")).split())[:200],
            lab=_values(data, "lab"),
            tag=_values(data, "tag"),
            lever=_values(data, "lever"),
            country=_values(data, "country", allowed=dict(countries)),
            period=_values(data, "period", allowed={p.value for p in periods()}),
            lang=_values(data, "lang", allowed=dict(settings.LANGUAGES)),
            sort=sort if sort in SORTS else DEFAULT_SORT,
        )

    @property
    def active(self):
        return bool(self.q or any(getattr(self, facet) for facet in self.FACETS))

    def pairs(self, include_sort=True):
        pairs = [("q", self.q)] if self.q else []
        for facet in self.FACETS:
            pairs += [(facet, value) for value in getattr(self, facet)]
        if include_sort and self.sort != DEFAULT_SORT:
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
        pages = CaseStudyPage.objects.live().public()
        # One entry per case study: the reader's language if published, else another.
        in_reader_language = CaseStudyPage.objects.live().public().filter(locale=locale)
        self._concepts = pages.filter(
            Q(locale=locale) | ~Q(translation_key__in=in_reader_language.values("translation_key"))
        )

    # Filtering

    def _q_for(self, facet):
        f = self.filters
        values = getattr(f, facet)
        if not values:
            return Q()
        if facet == "lab":
            return Q(lab__slug__in=values)
        if facet == "country":
            return Q(country__in=values)
        if facet == "tag":
            return Q(
                Exists(
                    TaggedCaseStudy.objects.filter(
                        content_object=OuterRef("pk"),
                        tag__translation_key__in=tag_keys_for_slugs(values),
                    )
                )
            )
        if facet == "lever":
            return Q(Exists(self._lever_links(values)))
        if facet == "period":
            q = Q()
            for period in periods():
                if period.value in values:
                    q |= period.q()
            return q
        if facet == "lang":
            q = Q()
            for code in values:
                q |= Q(Exists(self._version_in(code)))
            return q
        raise ValueError(facet)

    @staticmethod
    def _lever_links(codes):
        return CaseStudyLever.objects.filter(
            page=OuterRef("pk"), lever__in=Lever.objects.covering(codes)
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

    def filtered(self, skip=None):
        queryset = self._concepts
        if self.filters.q and skip != "q":
            text = self.filters.q
            queryset = queryset.filter(
                Q(title__icontains=text)
                | Q(summary__icontains=text)
                | Q(city__icontains=text)
                | Q(place__icontains=text)
            )
        for facet in Filters.FACETS:
            if facet != skip:
                queryset = queryset.filter(self._q_for(facet))
        return queryset

    def results(self):
        ordering = SORTS[self.filters.sort][1]
        return self.filtered().order_by(*ordering, "pk")

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

    def lab_facet(self):
        counts = _grouped(self.filtered(skip="lab"), "lab__slug")
        options = [
            Option(code, lab.name, counts.get(code, 0), code in self.filters.lab, _lang(lab, self))
            for code, lab in self.labs.items()
        ]
        return Facet("lab", _("Lab"), _visible(options))

    def country_facet(self):
        counts = _grouped(self.filtered(skip="country"), "country")
        options = [
            Option(code, str(countries.name(code)), count, code in self.filters.country)
            for code, count in counts.items()
            if code
        ]
        options += [
            Option(code, str(countries.name(code)), 0, True)
            for code in self.filters.country
            if code not in counts
        ]
        return Facet("country", _("Country"), sorted(options, key=lambda o: o.label))

    def lever_facet(self):
        levers = self.levers
        # One pass over the links of the listed case studies, one distinct count per lever.
        pages = self.filtered(skip="lever").order_by().values("pk")
        counts = CaseStudyLever.objects.filter(page__in=pages).aggregate(
            **{
                f"n{index}": Count(
                    "page", distinct=True, filter=Q(lever__in=Lever.objects.covering([code]))
                )
                for index, code in enumerate(levers)
            }
        )
        options = [
            Option(
                code,
                lever.name,
                counts[f"n{index}"],
                code in self.filters.lever,
                _lang(lever, self),
            )
            for index, (code, lever) in enumerate(levers.items())
        ]
        return Facet("lever", _("Lever"), _visible(options))

    def period_facet(self):
        all_periods = periods()
        queryset = self.filtered(skip="period").order_by()
        counts = queryset.aggregate(
            **{f"n{i}": Count("pk", filter=period.q()) for i, period in enumerate(all_periods)}
        )
        options = [
            Option(
                period.value,
                str(period.label),
                counts[f"n{i}"],
                period.value in self.filters.period,
            )
            for i, period in enumerate(all_periods)
        ]
        return Facet("period", _("Period"), _visible(options))

    def language_facet(self):
        queryset = self.filtered(skip="lang").order_by()
        codes = [code for code, _name in settings.LANGUAGES]
        reader = self.locale.language_code
        # The listing shows the reader's version whenever it exists: an entry in another
        # language has none, so only entries in the reader's language need a look-up.
        counts = queryset.aggregate(
            **{
                code: Count(
                    "pk",
                    filter=Q(locale__language_code=code)
                    if code == reader
                    else Q(locale__language_code=code)
                    | Q(locale__language_code=reader) & Q(Exists(self._version_in(code))),
                )
                for code in codes
            }
        )
        names = dict(settings.LANGUAGES)
        options = [
            Option(code, str(names[code]), counts[code], code in self.filters.lang)
            for code in codes
        ]
        return Facet("lang", _("Available in"), _visible(options))

    @cached_property
    def tag_counts(self):
        """``{translation_key: count}`` with every filter but the tag filter."""
        pages = self.filtered(skip="tag").order_by().values("pk")
        rows = (
            TaggedCaseStudy.objects.filter(content_object__in=pages)
            .values("tag__translation_key")
            .annotate(n=Count("content_object", distinct=True))
        )
        return {row["tag__translation_key"]: row["n"] for row in rows}

    @cached_property
    def _tags(self):
        return vocabulary.tags_by_key(set(self.tag_counts), self.filters.tag, self.locale)

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


def _grouped(queryset, field_name):
    rows = queryset.order_by().values(field_name).annotate(n=Count("pk"))
    return {row[field_name]: row["n"] for row in rows}


def _visible(options):
    return [option for option in options if option.count or option.selected]


def _lang(obj, listing):
    return "" if obj.locale_id == listing.locale.pk else obj.locale.language_code
