"""Title matches are looked up in the language searched only.

A name or a word that is the same in French and English (Rénovation / Renovation) is a
title match in both languages: the other language's titles must not take the places of
the candidates that a broad query ranks.
"""

import importlib

import pytest
from django.db import connection

from search.backends import postgres, sqlite
from search.backends.site import SiteQuery

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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL migration")
def test_the_migration_gives_existing_title_vectors_their_scope(
    renovations, backend, few_candidates
):
    migration = importlib.import_module("search.migrations.0008_scoped_titles")
    with connection.cursor() as cursor:
        cursor.execute(migration.BACKWARDS)
    # Without the scope tokens, the title index finds no title match in the scope.
    found = backend.site_search(SiteQuery("renovation", ("en",), offset=0, limit=2))
    assert titles(found)[0] != "Renovation of the old market"
    with connection.cursor() as cursor:
        cursor.execute(migration.FORWARDS)
    found = backend.site_search(SiteQuery("renovation", ("en",), offset=0, limit=2))
    assert titles(found)[0] == "Renovation of the old market"
