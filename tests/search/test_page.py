"""The search page and its suggestions, used the way a reader uses them."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.helpers import soup

from .pages import publish_page

pytestmark = pytest.mark.django_db


def hit_titles(page):
    return [a.get_text() for a in page.select(".search-hit__title a")]


@pytest.fixture
def gardens(home_fr, home_en):
    publish_page(
        home_fr,
        "Vergers suspendus",
        intro="Des pommiers au pied des immeubles.",
        body="Les habitantes et habitants cultivent ensemble un pommier collectif.",
    )
    publish_page(home_en, "Hanging orchards", body="Residents grow apples on rooftops.")


def test_the_header_has_a_search_box_that_works_without_script(client):
    page = soup(client.get("/fr/"))
    form = page.select_one("header form[role=search]")
    assert form["action"] == "/fr/recherche/" and form["method"] == "get"
    assert form.select_one("input[name=q]")["data-suggest-url"] == "/fr/recherche/suggestions/"
    english = soup(client.get("/en/")).select_one("header form[role=search]")
    assert english["action"] == "/en/search/"


def test_suggestions_come_from_a_static_script_on_the_search_page(client):
    page = soup(client.get("/fr/recherche/", {"q": "pommier"}))
    assert not [script for script in page.select("script") if script.string]
    assert client.get(page.select_one("script[src*=suggest]")["src"]).status_code == 200
    assert len(page.select("input[data-suggest-url]")) == 2  # the header's and the page's


def test_results_are_highlighted_and_link_to_the_page(client, gardens):
    page = soup(client.get("/fr/recherche/", {"q": "pommiers"}))
    hit = page.select_one(".search-hit")
    assert hit.select_one("a")["href"] == "/fr/vergers-suspendus/"
    # The snippet is the matching sentence of the intro; the body's paragraph is another.
    snippet = hit.select_one(".search-hit__snippet")
    assert [mark.get_text() for mark in snippet.select("mark")] == ["pommiers"]
    assert snippet.get_text() == "Des pommiers au pied des immeubles."
    assert hit.select_one(".badge").get_text() == "Pages"
    assert "1 résultat" in page.select_one(".search-summary").get_text()
    assert page.select_one("input#search-q")["value"] == "pommiers"


def test_results_are_in_the_readers_language_unless_asked(client, gardens):
    assert hit_titles(soup(client.get("/en/search/", {"q": "orchards"}))) == ["Hanging orchards"]
    assert hit_titles(soup(client.get("/en/search/", {"q": "vergers"}))) == []
    both = soup(client.get("/en/search/", {"q": "vergers", "lang": "all"}))
    assert hit_titles(both) == ["Vergers suspendus"]
    assert both.select_one(".search-hit")["lang"] == "fr"
    # Its kind is the reader's words, in the reader's language.
    badge = both.select_one(".search-hit .badge")
    assert (badge.get_text(), badge["lang"], badge["dir"]) == ("Pages", "en", "ltr")
    assert both.select_one("#search-lang").has_attr("checked")


def test_the_language_switcher_keeps_the_search(client):
    page = soup(client.get("/fr/recherche/", {"q": "jardins"}))
    link = page.select_one('.language-switcher a[hreflang="en"]')
    assert link["href"] == "/en/search/?q=jardins"


def test_facets_count_and_filter(client, gardens, home_fr):
    publish_page(home_fr, "Pommier du collège", body="Un pommier pédagogique.")
    page = soup(client.get("/fr/recherche/", {"q": "pommier"}))
    facet = page.select_one(".search-facet")
    assert facet.h3.get_text() == "Type"
    choice = facet.select_one("a")
    assert " ".join(choice.get_text().split()) == "Pages (2)"
    filtered = soup(client.get("/fr/recherche/" + choice["href"]))
    assert len(hit_titles(filtered)) == 2
    selected = filtered.select_one(".search-facet a[aria-current]")
    assert "type=" not in selected["href"]  # the selected value's link removes the filter
    unknown = soup(client.get("/fr/recherche/", {"q": "pommier", "lab": "nowhere"}))
    assert hit_titles(unknown) == []
    assert unknown.select_one('.search-empty a[href="?q=pommier"]')


def test_pages_of_results(client, home_fr):
    for number in range(13):
        publish_page(home_fr, f"Rucher {number}", body="Un rucher municipal.")
    first = soup(client.get("/fr/recherche/", {"q": "rucher"}))
    assert len(hit_titles(first)) == 10
    assert first.select_one(".search-hits")["start"] == "1"
    second = soup(client.get("/fr/recherche/" + first.select_one("a[rel=next]")["href"]))
    assert len(hit_titles(second)) == 3
    assert second.select_one(".search-hits")["start"] == "11"
    assert set(hit_titles(first)).isdisjoint(hit_titles(second))
    # An old link past the end shows the last page; a bad number shows the first.
    assert len(hit_titles(soup(client.get("/fr/recherche/", {"q": "rucher", "page": 99})))) == 3
    assert len(hit_titles(soup(client.get("/fr/recherche/", {"q": "rucher", "page": "x"})))) == 10


def test_helpful_empty_states(client):
    nothing = soup(client.get("/fr/recherche/", {"q": "zzyzx"}))
    assert "Aucun résultat pour « zzyzx »" in nothing.select_one(".search-empty h2").get_text()
    assert nothing.select_one('.search-empty a[href="?q=zzyzx&lang=all"]')
    common = soup(client.get("/en/search/", {"q": "the and of"}))
    assert common.select_one(".search-empty h2").get_text() == "Try more specific words"
    blank = soup(client.get("/fr/recherche/"))
    assert blank.select_one(".search-empty") is None and not hit_titles(blank)


def test_editors_picks_come_first(client, home_fr):
    guide = publish_page(home_fr, "Guide du budget participatif", body="Mode d'emploi.")
    SearchPromotion.objects.create(
        query=Query.get("Budget"), page=guide, sort_order=0, description="Le guide complet."
    )
    page = soup(client.get("/fr/recherche/", {"q": "budget"}))
    pick = page.select_one(".search-picks li")
    assert pick.a["href"] == "/fr/guide-du-budget-participatif/"
    assert "Le guide complet." in pick.get_text()


def test_suggestions_as_you_type(client, gardens):
    response = client.get("/fr/recherche/suggestions/", {"q": "verg"})
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"title": "Vergers suspendus", "url": "/fr/vergers-suspendus/", "kind": "Pages"}
    ]
    assert client.get("/fr/recherche/suggestions/", {"q": "v"}).json() == {"results": []}
    assert client.get("/en/search/suggestions/", {"q": "orch"}).json()["results"][0]["url"] == (
        "/en/hanging-orchards/"
    )


BAD_INPUT = [
    '"',
    '"unbalanced',
    '""',
    "*",
    "co*",
    "-",
    "-pommier",
    "--",
    "NEAR(",
    "NEAR(a b, 2)",
    "a AND b OR c NOT d",
    "(((",
    ")",
    "{title}: x",
    "^x",
    "title:x",
    "'; DROP TABLE search_fts; --",
    "🏠🌱",
    "\u200b\u200d",
    "é" * 300,
    "pommier " * 2000,
    "x" * 10_000,
    " ",
    "\t\n",
    "",
    "<script>alert(1)</script>",
    "%",
    "\\",
    "a:b:c",
    "!!",
    "&",
]


@pytest.mark.parametrize("text", BAD_INPUT)
@pytest.mark.parametrize("url", ["/fr/recherche/", "/en/search/", "/fr/recherche/suggestions/"])
def test_any_input_gives_results_or_the_empty_state(client, gardens, url, text):
    response = client.get(url, {"q": text, "lang": "all", "type": text, "page": text})
    assert response.status_code == 200
    if "suggestions" in url:
        assert isinstance(response.json()["results"], list)
        return
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select(".search-hit") or page.select_one(".search-empty") or not text.strip()
    assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%00", "%FF%FE", "%C0%AF", "a%00b"])
def test_undecodable_bytes(client, raw):
    for url in ("/fr/recherche/", "/fr/recherche/suggestions/"):
        assert client.get(f"{url}?q={raw}&lab={raw}").status_code == 200


def test_searches_are_rate_limited(client):
    with override_settings(FAIRVILLE_RATE_LIMITS={"search": (2, 60)}):
        assert client.get("/fr/recherche/", {"q": "a"}).status_code == 200
        assert client.get("/fr/recherche/", {"q": "b"}).status_code == 200
        limited = client.get("/fr/recherche/", {"q": "c"})
        assert limited.status_code == 429 and limited["Retry-After"] == "60"
    with override_settings(FAIRVILLE_RATE_LIMITS={"search-suggestions": (1, 60)}):
        assert client.get("/fr/recherche/suggestions/", {"q": "ab"}).status_code == 200
        assert client.get("/fr/recherche/suggestions/", {"q": "abc"}).status_code == 429


def test_queries_do_not_grow_with_the_results(client, home_fr, settings):
    settings.FAIRVILLE_SEARCH_CACHE_SECONDS = 0  # count the search's queries, not a cache hit

    def queries_for(text):
        client.get("/fr/recherche/", {"q": text})  # warm the site root paths
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/fr/recherche/", {"q": text}).status_code == 200
        return len(captured)

    publish_page(home_fr, "Ruche unique", body="Une ruche.")
    for number in range(10):
        publish_page(home_fr, f"Nichoir {number}", body="Un nichoir.")
    assert queries_for("nichoir") <= 26
    # Below 3 results the page also looks for a "did you mean" (search.suggest): a
    # constant look-up of the language's vocabulary, whatever the number of results.
    assert queries_for("ruche") <= queries_for("nichoir") + 2


def test_search_answers_are_not_kept_in_the_shared_page_cache(client, gardens):
    for url in ("/fr/recherche/?q=pommier", "/fr/recherche/suggestions/?q=pom"):
        assert "no-store" in client.get(url)["Cache-Control"]


def test_the_hits_links_come_with_the_hits_not_from_a_query_of_their_own(client, home_fr, settings):
    settings.FAIRVILLE_SEARCH_CACHE_SECONDS = 0  # count the search's queries, not a cache hit
    pages = [publish_page(home_fr, f"Nichoir {n}", body="Un nichoir.") for n in range(3)]
    client.get("/fr/recherche/", {"q": "nichoir"})  # warm the site root paths
    with CaptureQueriesContext(connection) as captured:
        found = soup(client.get("/fr/recherche/", {"q": "nichoir"}))
    links = {a.get_text(): a["href"] for a in found.select(".search-hit__title a")}
    assert links == {page.title: page.url for page in pages}
    # The engine's one statement joins the pages' paths: no query reads the pages' rows.
    reads = [query["sql"] for query in captured if 'FROM "wagtailcore_page"' in query["sql"]]
    assert reads == []
    assert any("p.url_path" in query["sql"] for query in captured)
