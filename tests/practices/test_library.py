"""The faceted listing: every filter, their combinations, the counts, the URL state."""

import itertools
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from practices.factories import bulk_case_studies

from .conftest import Oracle, facet_counts, query, results, soup

pytestmark = pytest.mark.django_db

# One value or two of each facet, chosen to hit the demo's case studies.
SINGLE = {
    "lab": [["marseille"], ["le-caire", "dakar"]],
    "tag": [["logement"], ["housing"], ["eau", "cartographie"]],
    "lever": [["ancrer"], ["defendre", "grande-echelle"], ["reseaux-citoyens"]],
    "country": [["FR"], ["EG", "SN"]],
    "period": [["2010"], ["ongoing"], ["2020", "before-1990"]],
    "lang": [["fr"], ["en"]],
}


def cases():
    for facet, choices in SINGLE.items():
        for values in choices:
            yield {facet: values}
    for first, second in itertools.combinations(SINGLE, 2):
        yield {first: SINGLE[first][0], second: SINGLE[second][-1]}
    yield {facet: choices[0] for facet, choices in SINGLE.items() if facet != "lang"}


@pytest.mark.parametrize("filters", list(cases()), ids=lambda f: query(f))
@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_filter_and_combination_lists_what_the_rules_say(client, language, filters):
    base = "/en/library/" if language == "en" else "/fr/bibliotheque/"
    oracle = Oracle(language)
    titles, total = results(client, base + query(filters))
    assert sorted(titles) == oracle.titles(filters)
    assert total == len(titles)


@pytest.mark.parametrize(
    "filters", [{}, {"lab": ["marseille"]}, {"tag": ["logement"], "period": ["2010"]}]
)
def test_each_option_shows_what_ticking_it_would_give(client, filters):
    oracle = Oracle("en")
    counts = facet_counts(client, "/en/library/" + query(filters))
    assert counts, "the form shows options"
    for (facet, value), count in counts.items():
        assert count == oracle.count(filters, facet, value), (facet, value)
    # Options that would give nothing are not offered, unless ticked.
    assert all(count or value in filters.get(facet, []) for (facet, value), count in counts.items())


def test_the_library_lists_each_case_study_once_in_the_readers_language(client, make_case):
    make_case("Seulement en français", tags=["logement"])
    make_case("Bilingue", english="Bilingual", tags=["logement"])
    titles, _total = results(client, "/en/library/?tag=housing")
    assert "Bilingual" in titles and "Bilingue" not in titles
    assert "Seulement en français" in titles
    page = soup(client.get("/en/library/?tag=housing"))
    french = [li for li in page.select(".case") if "Seulement" in li.get_text()][0]
    # Its own words are marked French; the rest (lab, badge, tags) is in the reader's.
    assert french.select_one(".case__title")["lang"] == "fr"
    assert french.select_one(".case__title + .meta + p")["lang"] == "fr"
    assert not french.has_attr("lang") and not french.select_one(".meta").has_attr("lang")
    assert "Not yet translated" in french.select_one(".meta").get_text()
    # The language facet separates them.
    titles, _ = results(client, "/en/library/?tag=housing&lang=en")
    assert "Bilingual" in titles and "Seulement en français" not in titles


def test_the_state_lives_in_the_url_and_the_form_shows_it(client):
    url = "/en/library/?lab=marseille&tag=housing&sort=title&q=help"
    page = soup(client.get(url))
    form = page.select_one("form.library__filters")
    assert form["method"] == "get"
    checked = {(box["name"], box["value"]) for box in form.select("input[checked]")}
    assert {("lab", "marseille"), ("tag", "housing")} <= checked
    assert form.select_one("#library-q")["value"] == "help"
    assert form.select_one("option[selected]")["value"] == "title"
    chips = [a["href"] for a in page.select(".active-filters a")]
    assert "/en/library/?lab=marseille&q=help&sort=title" not in chips
    assert "/en/library/?q=help&tag=housing&sort=title" in chips


def test_sorting(client):
    titles, _ = results(client, "/en/library/?sort=title")
    assert titles == sorted(titles, key=str.lower)
    page = soup(client.get("/en/library/?sort=oldest"))
    years = [int(re.findall(r"\d{4}", p.get_text())[0]) for p in page.select(".case .meta")]
    assert len(years) == 20 and years == sorted(years)
    page = soup(client.get("/en/library/"))
    years = [int(re.findall(r"\d{4}", p.get_text())[0]) for p in page.select(".case .meta")]
    assert years == sorted(years, reverse=True)


def test_pagination_keeps_the_filters(client):
    page = soup(client.get("/en/library/?lang=fr"))
    following = page.select_one('.pagination a[rel="next"]')["href"]
    assert following == "?lang=fr&page=2"
    second = soup(client.get("/en/library/" + following))
    assert second.select_one(".pagination [aria-current]").get_text() == "Page 2 of 2"


@pytest.mark.parametrize(
    "url",
    [
        "/en/library/?page=9999",
        "/en/library/?page=-1&page=abc",
        "/en/library/?lab=<script>&tag=%00&country=ZZ&period=1066&lang=de&sort=drop",
        "/en/library/?q=" + "é" * 10_000,
        "/en/library/?q=%00%01abc%0A&country=F%00R",
        "/en/library/?q=%22co-production%22+OR+*&tag=" + "x" * 500,
        "/fr/bibliotheque/?" + "&".join(f"tag=t{i}" for i in range(500)),
    ],
)
def test_strange_urls_never_break_the_listing(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b"<script>" not in response.content.split(b"<main")[1]


def test_the_tag_cloud_links_to_filters_and_weighs_tags(client):
    page = soup(client.get("/en/library/"))
    cloud = page.select(".tag-cloud a")
    names = {a.get_text(" ", strip=True).rsplit(" ", 1)[0]: a for a in cloud}
    assert names["housing"]["href"] == "/en/library/?tag=housing"
    assert "logement" not in names
    sizes = {int(a["class"][1].rsplit("-", 1)[1]) for a in cloud}
    assert len(sizes) > 1


def _queries(client, url):
    client.get(url)  # warm: the cache of site root paths is not what is measured
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


URLS = [
    "/en/library/",
    "/en/library/?lab=marseille&lab=berlin&tag=housing&tag=water&lever=ancrer&lever=financer"
    "&country=FR&country=DE&period=2010&period=ongoing&lang=en&sort=title",
    "/fr/bibliotheque/?sort=updated&page=2",
]


@override_settings(FAIRVILLE_PAGE_CACHE_SECONDS=0)  # count the render, not the page cache
def test_the_query_count_does_not_grow_with_case_studies_tags_or_filters(client, library_fr):
    library_fr.get_children().delete()
    bulk_case_studies(10, seed=1)
    small = [_queries(client, url) for url in URLS]
    bulk_case_studies(190, seed=2)
    large = [_queries(client, url) for url in URLS]
    assert large == small
    assert max(large) <= 60
    # Many more selected values cost no more queries either.
    more = URLS[1] + "".join(f"&tag=t{i}&lab=l{i}&lever=v{i}" for i in range(30))
    assert _queries(client, more) <= large[1]
