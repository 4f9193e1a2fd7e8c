"""The library's keyword searches on PostgreSQL read each hit a bounded number of times.

The planner cannot see how many hits a query has (the queries reach it as values of a
CTE, so that it always uses the GIN index), and takes any number of hits for one. The id
searches once joined the hits to their scores: planned for one hit, the join ran the
whole ranking again for each hit, and a word in most of 10,000 case studies took 10 s
(240 ms once the prepared statement had its generic plan). The plan's loops are counted
here, on a few pages, where the time would not show it.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends import postgres
from search.service import keyword_ids, ranked_ids

from .pages import publish_page

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the PostgreSQL backend's plans; run by make test",
    ),
]

CANDIDATES = 3
HITS = 24


@pytest.fixture
def many_hits(home_fr, home_en, monkeypatch, settings):
    """HITS pages with the word in each language, CANDIDATES of them ranked in each."""
    monkeypatch.setattr(postgres, "RANK_CANDIDATES", CANDIDATES)
    settings.FAIRVILLE_SEARCH_CACHE_SECONDS = 0  # each search runs its statement
    for number in range(HITS // 2):
        publish_page(home_fr, f"Potager {number}", body="Une école de quartier.")
        publish_page(home_en, f"Garden {number}", body="An école in the street.")


def most_loops(search):
    """The most times any part of the one statement ``search`` runs was executed."""
    with CaptureQueriesContext(connection) as queries:
        search()
    (statement,) = [q["sql"] for q in queries.captured_queries if "MATERIALIZED" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}")
        (plan,) = cursor.fetchone()
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def loops(node):
        return max([node["Actual Loops"], *(loops(child) for child in node.get("Plans", []))])

    return loops(plan[0]["Plan"])


@pytest.mark.parametrize("limit", [2, CANDIDATES * 2, HITS, None])
def test_no_part_of_an_id_search_runs_once_per_hit(many_hits, limit):
    every = ranked_ids("ecole", "page", ["fr", "en"])
    assert len(every) == HITS
    # At most once per candidate of each language (their rows and vectors), never per hit.
    bound = CANDIDATES * 2
    assert most_loops(lambda: ranked_ids("ecole", "page", ["fr", "en"], limit=limit)) <= bound
    if limit is not None:
        first, matched = keyword_ids("ecole", "page", ["fr", "en"], limit=limit)
        assert first == every[:limit] and sorted(matched) == sorted(every)
        assert most_loops(lambda: keyword_ids("ecole", "page", ["fr", "en"], limit=limit)) <= bound
