"""A page whose title holds every word of the query ranks first, on every database.

PostgreSQL ranks a hit whose title matches the whole query ahead of the others (a bonus
of 1 above any ts_rank); SQLite's bm25 weighs a title word 10 body words, so a page whose
body repeats one query word a dozen times outranked the page named after the query. The
generated relevance set (benchmarks/relevance.py: "topic theme city" queries against
titles "Topic theme · City · 000123") measured it: nDCG@10 0.50 on SQLite against 0.99
on PostgreSQL.
"""

import pytest

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
