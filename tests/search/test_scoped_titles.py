"""Title matches are looked up in the language searched only.

A name or a word that is the same in French and English (Rénovation / Renovation) is a
title match in both languages: the other language's titles must not take the places of
the candidates that a broad query ranks.
"""

import importlib
import re

import pytest
from django.db import connection

from search.backends import postgres, sqlite
from search.backends.site import SiteQuery
from search.models import FacetValue

from .conftest import titles
from .pages import publish_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def few_candidates(monkeypatch):
    # RANK_CANDIDATES is 500: lower it so that a handful of pages is a broad query.
    monkeypatch.setattr(sqlite, "RANK_CANDIDATES", 2)
    monkeypatch.setattr(postgres, "RANK_CANDIDATES", 2)


@pytest.fixture
def renovations(home_fr, home_en):
    # The English title match is the oldest English page: it is ranked only because its
    # title matches, and the three French title matches are more recent than it.
    english = publish_page(home_en, "Renovation of the old market", body="A renovation.")
    for number in range(3):
        publish_page(home_en, f"Works {number}", body="The renovation went on.")
    for number in range(3):
        publish_page(home_fr, f"Rénovation {number}", body="Une rénovation.")
    return english


def test_a_broad_query_ranks_its_own_languages_title_match_first(
    renovations, backend, few_candidates
):
    found = backend.site_search(SiteQuery("renovation", ("en",), offset=0, limit=2))
    assert found.total == 4
    assert titles(found)[0] == "Renovation of the old market"


ENGLISH_TITLE = "Renovation of the old market"
# Migration 0011's facet tokens ("_12"), which the previous release's title vectors lack.
FACET_TOKENS = (
    "ARRAY(SELECT t FROM unnest(tsvector_to_array(%s::tsvector)) AS t WHERE t ~ '^_[0-9]')"
)


def page_type():
    return FacetValue.objects.get(facet="type", value="page").value


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL migration; run by make test"
)
def test_the_migration_moves_existing_title_vectors_to_their_table(
    renovations, backend, few_candidates
):
    migration = importlib.import_module("search.migrations.0011_title_vectors")
    with connection.cursor() as cursor:
        # The pages' deferred foreign key checks, before the migration drops its triggers.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _, sql in reversed(migration.POSTGRES):
            if sql:
                cursor.execute(sql)
        # Back in the documents' column as migration 0008 left it: the scope token, and
        # no facet token.
        cursor.execute(
            "SELECT title_vector::text FROM search_indexeddocument WHERE title = %s",
            [ENGLISH_TITLE],
        )
        (vector,) = cursor.fetchone()
        assert "'_sen'" in vector and "'renov'" in vector
        assert not re.search(r"'_[0-9]", vector)
        for sql, _ in migration.POSTGRES:
            cursor.execute(sql)
    found = backend.site_search(SiteQuery("renovation", ("en",), offset=0, limit=2))
    assert titles(found)[0] == ENGLISH_TITLE
    # The facet filters too, from the tokens the migration took from the full vectors.
    filtered = SiteQuery("renovation", ("en",), {"type": page_type()}, offset=0, limit=2)
    assert titles(backend.site_search(filtered))[0] == ENGLISH_TITLE


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL migration; run by make test"
)
def test_a_title_the_previous_release_indexes_is_a_title_match(
    renovations, home_en, backend, few_candidates
):
    # While the workers restart after migration 0011, the previous release still indexes
    # with its own statement: the title vector in the documents' column, without facet
    # tokens, and no row in the title table.
    columns = "content_type_id, object_id, language, kind, public, date, title, facets"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.id, {columns}, d.search_vector::text, v.vector::text, t.text "  # noqa: S608
            "FROM search_indexeddocument d JOIN search_titlevector v ON v.document_id = d.id "
            "JOIN search_indexedtext t ON t.document_id = d.id WHERE d.title = %s",
            [ENGLISH_TITLE],
        )
        old_id, *row, search_vector, title_vector, text = cursor.fetchone()
        cursor.execute("DELETE FROM search_indexedtext WHERE document_id = %s", [old_id])
        cursor.execute("DELETE FROM search_indexeddocument WHERE id = %s", [old_id])
        cursor.execute("SELECT count(*) FROM search_titlevector WHERE document_id = %s", [old_id])
        assert cursor.fetchone()[0] == 0
        marks = ", ".join(["%s"] * len(row))
        cursor.execute(
            f"INSERT INTO search_indexeddocument ({columns}, search_vector, title_vector) "  # noqa: S608
            f"VALUES ({marks}, %s::tsvector, ts_delete(%s::tsvector, {FACET_TOKENS})) "
            "RETURNING id",
            [*row, search_vector, title_vector, title_vector],
        )
        (new_id,) = cursor.fetchone()
        cursor.execute(
            "INSERT INTO search_indexedtext (document_id, text) VALUES (%s, %s)", [new_id, text]
        )
    # Indexed again, the page is the most recent: two more make it a candidate only by
    # its title.
    for number in range(2):
        publish_page(home_en, f"Later works {number}", body="The renovation went on.")
    found = backend.site_search(SiteQuery("renovation", ("en",), offset=0, limit=2))
    assert found.total == 6
    assert titles(found)[0] == ENGLISH_TITLE
    filtered = SiteQuery("renovation", ("en",), {"type": page_type()}, offset=0, limit=2)
    assert titles(backend.site_search(filtered))[0] == ENGLISH_TITLE
