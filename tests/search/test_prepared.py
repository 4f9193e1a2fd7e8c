"""PostgreSQL prepares the searches' statements: parsed once a connection, then run with
a generic plan, which must find what a freshly planned statement finds."""

import pytest
from django.db import connection

from tests.helpers import soup

from .pages import publish_page

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="prepared statements are PostgreSQL's; run by make test",
    ),
]


def results_statements():
    """(generic plans, custom plans) of each prepared results-page statement."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE '%%found AS MATERIALIZED%%'"
        )
        return cursor.fetchall()


def shown(response):
    page = soup(response)
    hits = [(a.get_text(" ", strip=True), a["href"]) for a in page.select(".search-hit a")]
    facets = [a.get_text(" ", strip=True) for a in page.select(".search-facet a")]
    return hits, facets


def test_results_pages_share_one_prepared_statement_whose_generic_plan_finds_the_same(
    client, home_fr, settings
):
    settings.FAIRVILLE_SEARCH_CACHE_SECONDS = 0  # every results page is searched
    for number in range(12):
        publish_page(home_fr, f"Jardin partagé numéro {number}", body="Des habitants au jardin.")
    publish_page(home_fr, "Assemblée de quartier", body="Les habitants se réunissent.")
    # The connection may hold the statements of earlier tests.
    before = results_statements()

    first = {q: shown(client.get("/fr/recherche/", {"q": q})) for q in ("jardin", "habitants")}
    assert len(first["jardin"][0]) == 10 and len(first["habitants"][0]) == 10
    for _ in range(5):
        for q in ("jardin", "habitants"):
            assert shown(client.get("/fr/recherche/", {"q": q})) == first[q]
    # Every page of this shape (one language, no filter) runs one statement, whatever
    # its words; past its first five plans, PostgreSQL runs its generic plan.
    statements = results_statements()
    assert len(statements) - len(before) <= 1
    assert sum(generic for generic, _ in statements) > sum(generic for generic, _ in before)
    # With a filter: another statement, its generic plan as right.
    filtered = shown(client.get("/fr/recherche/", {"q": "habitants", "type": "page"}))
    for _ in range(6):
        assert shown(client.get("/fr/recherche/", {"q": "habitants", "type": "page"})) == filtered
    after = results_statements()
    assert len(after) - len(statements) <= 1
    assert sum(generic for generic, _ in after) > sum(generic for generic, _ in statements)


def test_django_s_own_queries_are_not_prepared(client, home_fr):
    publish_page(home_fr, "Jardin partagé", body="Des habitants au jardin.")
    for _ in range(7):
        client.get("/fr/jardin-partage/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [statement for (statement,) in cursor.fetchall()]
    assert not any("wagtailcore_page" in s and "search_" not in s for s in statements)


def test_a_prepared_statement_is_logged_once_with_its_values(client, home_fr, settings):
    """Query counts (assertNumQueries) and the debug log see a prepared statement as any
    other query: once, with its values in its text."""
    from django.test.utils import CaptureQueriesContext

    settings.FAIRVILLE_SEARCH_CACHE_SECONDS = 0
    publish_page(home_fr, "Jardin partagé", body="Des habitants au jardin.")
    for _ in range(7):  # past the statement's first plans
        client.get("/fr/recherche/", {"q": "jardin"})
    with CaptureQueriesContext(connection) as captured:
        client.get("/fr/recherche/", {"q": "jardin"})
    statements = [query["sql"] for query in captured if "found AS MATERIALIZED" in query["sql"]]
    assert len(statements) == 1
    assert "'jardin'" in statements[0] and "%s" not in statements[0]
