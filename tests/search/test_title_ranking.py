"""A page whose title holds every word of the query ranks first, on every database.

PostgreSQL ranks a hit whose title matches the whole query ahead of the others (a bonus
of 1 above any ts_rank); SQLite's bm25 weighs a title word 10 body words, so a page whose
body repeats one query word a dozen times outranked the page named after the query. The
generated relevance set (benchmarks/relevance.py: "topic theme city" queries against
titles "Topic theme · City · 000123") measured it: nDCG@10 0.50 on SQLite against 0.99
on PostgreSQL.
"""

import pytest

from cms.translation import translate
from practices.models import GlossaryTerm
from search.backends.site import SiteQuery

from .conftest import titles
from .pages import publish_page

pytestmark = pytest.mark.django_db

# Titles and bodies of the same number of indexed words (bm25 divides by the length): the
# named page says "eau" once, in its title (a title word weighs ten body words); each
# other page sixteen times, in its body. By bm25 alone the others come first.
WATER = "eau " * 16
OTHER = "pluie " * 16


def test_the_page_named_after_the_query_ranks_above_pages_that_repeat_its_words(
    home_fr, site_search
):
    named = publish_page(home_fr, "Fonds de l'eau · Marseille", body=OTHER)
    others = [
        publish_page(home_fr, f"Fonds des {topic} · Marseille", body=WATER)
        for topic in ("mobilités", "rénovations", "logements")
    ]
    found = titles(site_search("fonds eau marseille"))
    assert found[0] == named.title, found
    assert {page.title for page in others} <= set(found)


def test_a_title_matching_only_another_language_s_query_gives_no_bonus(
    home_fr, home_en, fr, en, backend
):
    """Across languages, the French pages keep the order they have when French is searched
    alone: a French title that matches only the English query (here the glossary's
    translation, typed in a French title) is not "the page named after the query"."""
    term = GlossaryTerm.objects.create(locale=fr, term="zyxfonds")
    translate(term, en, {"zyxfonds": "zyxfund"})
    publish_page(home_fr, "Zyxfonds", body="Rien.")
    stray = publish_page(home_fr, "Zyxfund", body="Un zyxfonds.")
    repeated = publish_page(home_fr, "Autre page", body="zyxfonds " * 6)
    publish_page(home_en, "Zyxfund", body="Nothing.")

    alone = backend.site_search(SiteQuery("zyxfonds", ("fr",), {}, 0, 20, "fr")).hits
    merged = backend.site_search(SiteQuery("zyxfonds", ("fr", "en"), {}, 0, 20, "fr")).hits
    order = [hit.title for hit in alone]
    # What the test needs: by its own words, the stray title comes after the repeated one.
    assert order.index(repeated.title) < order.index(stray.title), order
    assert [hit.title for hit in merged if hit.language == "fr"] == order
    assert [hit.language for hit in merged] == ["fr", "en", "fr", "fr"]
