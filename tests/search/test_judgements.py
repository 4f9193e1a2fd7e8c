"""Relevance measured: the judged queries of tests/search/judgements/ on the search page.

Each query runs as a reader runs it (the results page, in its language, with "include
results in other languages" where the query says so) and each page it names must be in
its place: the first three or the first ten results. The same set runs on SQLite and
PostgreSQL (`make test` runs both); for Elasticsearch its request bodies are evaluated
offline (tests/search/test_elasticsearch.py, tests/search/es_offline.py).

Queries that need a feature the engine does not have yet ("needs": "suggest" for "did you
mean", "crosslang" for query translation) are expected to fail, strictly: once the
feature lands they pass, the test reports it, and the mark must go.
"""

import pytest

from tests.helpers import soup

from . import judgements

pytestmark = pytest.mark.django_db

SEARCH = {"fr": "/fr/recherche/", "en": "/en/search/"}
REASONS = {
    "suggest": "needs 'did you mean' (issue 15 §4, xl15)",
    "crosslang": "needs query translation for other languages (issue 15 §3, xl15)",
}
QUERIES = judgements.load()


def ranked_urls(client, item):
    """The result URLs of the first results page; for a typo, those of 'did you mean'."""
    params = {"q": item["query"]}
    if item.get("all_languages"):
        params["lang"] = "all"
    page = soup(client.get(SEARCH[item["language"]], params))
    suggestion = page.select_one(".search-suggestion a")
    if suggestion is not None and item.get("needs") == "suggest":
        page = soup(client.get(SEARCH[item["language"]] + suggestion["href"]))
    return [a["href"] for a in page.select(".search-hit__title a")]


@pytest.fixture(autouse=True)
def many_searches(settings):
    settings.FAIRVILLE_RATE_LIMITS = {**settings.FAIRVILLE_RATE_LIMITS, "search": (10_000, 60)}


def test_the_set_is_large_and_balanced():
    languages = [item["language"] for item in QUERIES]
    assert len(QUERIES) >= 80 and languages.count("fr") >= 40 and languages.count("en") >= 40
    covered = {topic for item in QUERIES for topic in item["covers"]}
    expected = {"names", "organisations", "places", "themes", "levers", "accents"}
    assert expected | {"no accents", "typos", "crosslang", "phrases"} <= covered
    for item in QUERIES:
        assert item.get("top3") or item.get("top10"), item


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(
            item,
            id=item["id"],
            marks=[pytest.mark.xfail(strict=True, reason=REASONS[item["needs"]])]
            if item.get("needs")
            else [],
        )
        for item in QUERIES
    ],
)
def test_judged_pages_rank_in_their_place(client, item):
    urls = ranked_urls(client, item)
    assert not judgements.misses(item, urls), (judgements.misses(item, urls), urls)
