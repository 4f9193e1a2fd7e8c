"""Fixtures of the library tests: the demo's libraries, a helper to write case
studies the way an editor does, and an oracle that filters them in plain Python."""

from urllib.parse import urlencode

import pytest

from practices.models import CaseStudyPage, CaseStudyTag, LibraryPage
from tests.helpers import publish_case_study, soup  # noqa: F401 (soup: imported from here)


@pytest.fixture
def library_fr(fr):
    return LibraryPage.objects.get(locale=fr)


@pytest.fixture
def library_en(en):
    return LibraryPage.objects.get(locale=en)


@pytest.fixture
def make_case(db):
    """Create (and publish) a French case study, and its English version if asked
    (``tests.helpers.publish_case_study``; lab Marseille, started in 2015 by default)."""
    return publish_case_study


def results(client, url):
    """Titles of every listed case study, following the pagination, and the total shown."""
    titles, total = [], None
    while url:
        page = soup(client.get(url))
        if total is None:
            total = int(page.select_one("#results-heading").get_text().split()[0])
        titles += [a.get_text() for a in page.select(".case__title a")]
        following = page.select_one('.pagination a[rel="next"]')
        url = url.split("?")[0] + following["href"] if following else None
    return titles, total


def facet_counts(client, url):
    page = soup(client.get(url))
    counts = {}
    for box in page.select(".library__filters input[type=checkbox]"):
        count = box.find_parent("label").select_one(".facet__count").get_text()
        counts[(box["name"], box["value"])] = int(count.strip("()"))
    return counts


class Oracle:
    """The library's rules, written plainly over every live case study in Python."""

    def __init__(self, language):
        pages = list(
            CaseStudyPage.objects.live()
            .select_related("lab", "locale")
            .prefetch_related("tagged_items__tag", "lever_links__lever__parent")
        )
        languages = {}
        for page in pages:
            languages.setdefault(page.translation_key, set()).add(page.locale.language_code)
        chosen = {}
        for page in pages:
            current = chosen.get(page.translation_key)
            if current is None or page.locale.language_code == language:
                chosen[page.translation_key] = page
        tag_slugs = {}
        for tag in CaseStudyTag.objects.all():
            tag_slugs.setdefault(tag.translation_key, set()).add(tag.slug)
        self.entries = []
        for key, page in chosen.items():
            levers = set()
            for link in page.lever_links.all():
                levers.add(link.lever.code)
                if link.lever.parent_id:
                    levers.add(link.lever.parent.code)
            tags = set()
            for item in page.tagged_items.all():
                tags |= tag_slugs[item.tag.translation_key]
            self.entries.append(
                {
                    "title": page.title,
                    "lab": {page.lab.slug} if page.lab_id else set(),
                    "tag": tags,
                    "lever": levers,
                    "country": {page.country.code},
                    "period": self._periods(page),
                    "lang": languages[key],
                }
            )

    @staticmethod
    def _periods(page):
        found = {"ongoing"} if page.ongoing else set()
        last = 2100 if page.ongoing else (page.end_year or page.start_year)
        if page.start_year <= 1989:
            found.add("before-1990")
        for decade in range(1990, 2100, 10):
            if page.start_year <= decade + 9 and last >= decade:
                found.add(str(decade))
        return found

    def match(self, filters, skip=None):
        found = []
        for entry in self.entries:
            if all(
                not values or entry[facet] & set(values)
                for facet, values in filters.items()
                if facet != skip
            ):
                found.append(entry)
        return found

    def titles(self, filters):
        return sorted(entry["title"] for entry in self.match(filters))

    def count(self, filters, facet, value):
        return sum(1 for entry in self.match(filters, skip=facet) if value in entry[facet])


def query(filters):
    return "?" + urlencode([(k, v) for k, values in filters.items() for v in values])
