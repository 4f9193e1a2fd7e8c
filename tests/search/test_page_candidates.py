"""A results page ranks its candidates among the hits only: a page whose title matches the
query is a candidate only when the page itself is a hit (the PostgreSQL page statement
takes title matches from the title index and checks them against the query's scope)."""

import pytest

from search.models import FacetValue

from .conftest import titles
from .pages import publish_page

pytestmark = pytest.mark.django_db


def test_a_title_match_with_an_excluded_word_in_its_body_is_not_shown(home_fr, site_search):
    publish_page(home_fr, "Lucarne du grenier", body="Une lucarne couverte d'ardoise.")
    publish_page(home_fr, "Lucarne bleue", body="Une lucarne peinte en bleu.")
    publish_page(home_fr, "Grenier", body="Une lucarne sous le toit.")

    found = site_search("lucarne -ardoise")
    assert found.total == 2
    assert titles(found) == ["Lucarne bleue", "Grenier"]


def test_a_title_match_outside_the_filters_is_not_shown(home_fr, site_search):
    publish_page(home_fr, "Lucarne du grenier", body="Une lucarne.")
    # A type of result that exists in the index, which no plain page has.
    other = FacetValue.objects.filter(facet="type").exclude(value="page").first()
    assert other is not None

    assert titles(site_search("lucarne")) == ["Lucarne du grenier"]
    found = site_search("lucarne", type=other.value)
    assert found.total == 0
    assert titles(found) == []
