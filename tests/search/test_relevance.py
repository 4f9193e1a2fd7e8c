"""The labelled relevance set: what a reader types, and what must be in the first five.

Each case is a query in one language and the titles that must appear among its first five
results on the public search page. The corpus is a small library of pages written the way
the site's editors write, in French and English, with look-alike pages around them so that
matching too much fails as surely as matching too little. It passes on SQLite and
PostgreSQL alike (`make test` runs both).
"""

import pytest
from django.db import transaction

from cms.models import HomePage

from .conftest import titles
from .pages import publish_page

FRENCH = [
    ("Société civile et État", "Les organisations de la société civile et l'État."),
    ("Co-production de jardins partagés", "Des jardins cultivés en co-production."),
    ("L'école ouverte", "Une école du quartier ouvre ses portes le samedi."),
    ("Coproduction de jardins familiaux", "La coproduction de parcelles avec la mairie."),
    ("La co production des jardins ouvriers", "Des jardins et des places dessinés ensemble."),
    ("Production de jardins", "Des entreprises produisent des jardins clés en main."),
    ("Chaque habitant compte", "Un habitant, une voix dans le budget participatif."),
    ("L'habitat participatif à Marseille", "Des logements conçus par leurs futurs occupants."),
    ("Bien-être et santé communautaire", "Des maisons de santé gérées avec les patients."),
    ("Réseaux citoyens", "Des réseaux solides pour résister aux injustices."),
    ("Production agricole urbaine", "Des fermes sur les toits des immeubles."),
    ("Budget de la ville", "Les finances municipales expliquées simplement."),
    ("Transports en commun", "Le tramway et les bus de nuit."),
    ("Être bien informé", "La lettre d'information de la mairie."),
]
ENGLISH = [
    ("Neighbourhood forums", "A neighbourhood forum writes its own plan."),
    ("Co-production of housing", "Tenants and the council design homes together."),
    ("Coproduction of housing services", "Services designed with the people who use them."),
    ("Co production of social housing", "Homes designed with their future tenants."),
    ("Production of housing", "Developers build homes for sale."),
    ("Civil society organisations", "Charities, associations and community groups."),
    ("Community land trusts", "Land held in trust so that homes stay affordable."),
    ("Schools as community hubs", "A school that opens its doors in the evening."),
    ("Urban food production", "Farms on rooftops and in car parks."),
    ("City budget", "Municipal finances explained."),
    ("Public transport", "Trams and night buses."),
]

GARDENS = [
    "Co-production de jardins partagés",
    "Coproduction de jardins familiaux",
    "La co production des jardins ouvriers",
]
HOUSING = [
    "Co-production of housing",
    "Coproduction of housing services",
    "Co production of social housing",
]

CASES = [
    ("fr", "societe", ["Société civile et État"]),
    ("fr", "SOCIÉTÉ", ["Société civile et État"]),
    ("fr", "ecole", ["L'école ouverte"]),
    ("fr", "habitants", ["Chaque habitant compte"]),
    ("fr", "l'habitat", ["L'habitat participatif à Marseille"]),
    ("fr", "habitat", ["L'habitat participatif à Marseille"]),
    ("fr", "co-production jardins", GARDENS),
    ("fr", "coproduction jardin", GARDENS),
    ("fr", "co production jardins", GARDENS),
    ("fr", "reseaux", ["Réseaux citoyens"]),
    ("fr", "réseau citoyen", ["Réseaux citoyens"]),
    ("fr", "bien-etre", ["Bien-être et santé communautaire"]),
    ("fr", "bien être", ["Bien-être et santé communautaire"]),
    ("fr", "maison de sante", ["Bien-être et santé communautaire"]),
    ("fr", '"jardins ouvriers"', ["La co production des jardins ouvriers"]),
    ("en", "neighbourhoods", ["Neighbourhood forums"]),
    ("en", "co-production housing", HOUSING),
    ("en", "coproduction housing", HOUSING),
    ("en", "co production housing", HOUSING),
    ("en", "organisation", ["Civil society organisations"]),
    ("en", "community land trust", ["Community land trusts"]),
    ("en", "school", ["Schools as community hubs"]),
    ("en", "the school's doors", ["Schools as community hubs"]),
]

# Queries that must NOT bring a page: the look-alikes.
MISSES = [
    ("fr", "bien-être", "Être bien informé"),
    ("fr", "co-production", "Production agricole urbaine"),
    ("fr", "co-production jardins", "Production de jardins"),
    ("en", "co-production housing", "Production of housing"),
    ("en", "co-production", "Urban food production"),
    ("fr", "habitat", "Chaque habitant compte"),
    ("fr", "neighbourhood", "Neighbourhood forums"),
    ("en", "société", "Société civile et État"),
]


@pytest.fixture(scope="module")
def library(django_db_setup, django_db_blocker):
    """The corpus, created once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        homes = {home.locale.language_code: home for home in HomePage.objects.all()}
        for language, pages in (("fr", FRENCH), ("en", ENGLISH)):
            for number, (title, body) in enumerate(pages):
                publish_page(homes[language], title, body=body, slug=f"rel-{language}-{number}")
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "query", "expected"), CASES)
def test_expected_pages_are_in_the_first_five(library, site_search, language, query, expected):
    first_five = titles(site_search(query, [language]))[:5]
    missing = [title for title in expected if title not in first_five]
    assert not missing, f"{query!r} ({language}) gave {first_five}"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "query", "unwanted"), MISSES)
def test_look_alikes_are_not_found(library, site_search, language, query, unwanted):
    assert unwanted not in titles(site_search(query, [language]))
