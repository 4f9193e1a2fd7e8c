"""The library's keyword box under a flood: limited per client like the search page.

Each keyword request runs the search engine (practices.listing -> search.service), so a
script sending random keywords as fast as it can is slowed the way the search page slows
it (scope ``library-search``), while browsing the facets, which the page cache can serve,
stays open. The limit counts clients, not the site: another address still searches.
"""

import uuid

import pytest

LIBRARY = {"fr": "/fr/bibliotheque/", "en": "/en/library/"}
TOO_MANY = {"fr": "Trop de requêtes", "en": "Too many requests"}


@pytest.fixture
def tight(settings):
    settings.FAIRVILLE_RATE_LIMITS = {"library-search": (5, 60)}
    settings.FAIRVILLE_TRUSTED_PROXIES = 1  # the client is the X-Forwarded-For address


def from_address(address):
    return {"X-Forwarded-For": address}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_random_keywords_are_limited_per_client(attacker, tight, language):
    library = LIBRARY[language]
    flooder = from_address("203.0.113.7")
    for _ in range(5):
        answer = attacker.get(f"{library}?q={uuid.uuid4().hex}", headers=flooder)
        assert answer.status == 200
    limited = attacker.get(f"{library}?q=logement", headers=flooder)
    assert limited.status == 429
    assert limited.header("Retry-After") == "60"
    assert TOO_MANY[language] in limited.body
    # The exports read the same keywords through the same engine: limited alike.
    assert attacker.get(f"{library}export/csv/?q=logement", headers=flooder).status == 429

    # Browsing without keywords is not counted, and other clients still search.
    assert attacker.get(f"{library}?lab=marseille", headers=flooder).status == 200
    neighbour = attacker.get(f"{library}?q=logement", headers=from_address("198.51.100.9"))
    assert neighbour.status == 200
    assert 'id="results-heading"' in neighbour.body


def test_only_keywords_count(attacker, tight):
    client = from_address("203.0.113.8")
    # Empty or blank keywords search nothing: a reader clearing the box is not counted.
    for query in ["", "?q=", "?q=+++", "?period=2020", "?lang=fr&sort=title"] * 3:
        assert attacker.get(f"/fr/bibliotheque/{query}", headers=client).status == 200
    for word in ["jardin", "eau", "habitants", "logement", "cooperative"]:
        assert attacker.get(f"/fr/bibliotheque/?q={word}", headers=client).status == 200
    assert attacker.get("/fr/bibliotheque/?q=jardin&page=2", headers=client).status == 429
