"""The results cache: a repeated search is read, not run, and a publish shows at once."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, Site

from search import results_cache
from tests.helpers import searched, soup

from .pages import publish_page

pytestmark = pytest.mark.django_db


def titles(client, text, **params):
    page = soup(client.get("/fr/recherche/", {"q": text, **params}))
    return sorted(a.get_text() for a in page.select(".search-hit__title a"))


def test_a_repeated_search_is_read_from_the_cache(client, home_fr):
    publish_page(home_fr, "Vergers suspendus", body="Des pommiers au pied des immeubles.")
    results_cache.reset_stats()
    with CaptureQueriesContext(connection) as first:
        assert titles(client, "pommiers") == ["Vergers suspendus"]
    with CaptureQueriesContext(connection) as again:
        # The same query, however it is spaced.
        assert titles(client, "  pommiers ") == ["Vergers suspendus"]
    assert searched(first.captured_queries)
    assert not searched(again.captured_queries)
    assert results_cache.stats() == {"hits": 1, "misses": 1, "hit_rate": 0.5}
    # Another language switch, filter or reader's language is another entry.
    titles(client, "pommiers", lang="all")
    titles(client, "pommiers", type="page")
    client.get("/en/search/", {"q": "pommiers"})
    assert results_cache.stats()["misses"] == 4


def test_a_publish_or_unpublish_shows_up_at_once(client, home_fr):
    publish_page(home_fr, "Vergers suspendus", body="Des pommiers au pied des immeubles.")
    assert titles(client, "pommiers") == ["Vergers suspendus"]
    second = publish_page(home_fr, "Pommiers de la cour", body="Trois arbres.")
    assert titles(client, "pommiers") == ["Pommiers de la cour", "Vergers suspendus"]
    second.unpublish()
    assert titles(client, "pommiers") == ["Vergers suspendus"]
    # An edit of the text too.
    revision = second.save_revision()
    revision.publish()
    assert titles(client, "pommiers") == ["Pommiers de la cour", "Vergers suspendus"]


def test_a_write_changes_the_generation_again_when_it_commits(
    home_fr, django_capture_on_commit_callbacks
):
    # A search between the write and its commit sees the old rows: what it stores must
    # never be read once the write is visible.
    with django_capture_on_commit_callbacks() as callbacks:
        publish_page(home_fr, "Vergers suspendus", body="Des pommiers.")
        during = results_cache.generation()
    assert callbacks
    for callback in callbacks:
        callback()
    assert results_cache.generation() != during


def test_the_rates_are_reported_by_a_command(client, home_fr, capsys):
    publish_page(home_fr, "Vergers suspendus", body="Des pommiers.")
    results_cache.reset_stats()
    for _ in range(4):
        titles(client, "pommiers")
    call_command("search_cache_stats", "--reset")
    assert capsys.readouterr().out.strip() == "hits 3, misses 1, hit rate 75.0%"
    assert results_cache.stats()["hits"] == 0


REDIS_DOWN = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "cms.ratelimit.NoEvictionLocMemCache", "LOCATION": "rl"},
    # Nothing listens on port 1: connection refused, as with Redis stopped.
    "search": {
        "BACKEND": "cms.cache.FailSoftRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    },
}


def test_with_the_shared_cache_down_searches_still_answer(client, home_fr):
    publish_page(home_fr, "Vergers suspendus", body="Des pommiers.")
    with override_settings(CACHES=REDIS_DOWN, FAIRVILLE_SEARCH_CACHE="search"):
        assert titles(client, "pommiers") == ["Vergers suspendus"]
        assert titles(client, "pommiers") == ["Vergers suspendus"]
        publish_page(home_fr, "Pommiers de la cour", body="Trois arbres.")
        assert titles(client, "pommiers") == ["Pommiers de la cour", "Vergers suspendus"]


def test_editors_picks_are_kept_with_the_page_and_change_at_once(client, home_fr):
    guide = publish_page(home_fr, "Guide du budget participatif", body="Mode d'emploi.")
    publish_page(home_fr, "Budget des écoles", body="Un budget.")

    def picks():
        page = soup(client.get("/fr/recherche/", {"q": "budget"}))
        return [item.get_text(" ", strip=True) for item in page.select(".search-picks li")]

    assert picks() == []
    promotion = SearchPromotion.objects.create(
        query=Query.get("budget"), page=guide, sort_order=0, description="Le guide."
    )
    assert picks() == ["Guide du budget participatif Le guide."]  # a new pick: at once
    with CaptureQueriesContext(connection) as again:
        assert picks() == ["Guide du budget participatif Le guide."]
    # A cache hit reads the picks with the page: no query for them.
    assert not [q for q in again.captured_queries if "searchpromotion" in q["sql"].lower()]
    promotion.description = "Le guide complet."
    promotion.save()
    assert picks() == ["Guide du budget participatif Le guide complet."]
    guide.unpublish()  # the picked page goes: so does the pick
    assert picks() == []
    guide.save_revision().publish()
    assert picks() == ["Guide du budget participatif Le guide complet."]
    promotion.delete()
    assert picks() == []


def test_a_miss_for_a_query_without_picks_does_not_look_for_them(client, home_fr):
    """Which queries have picks is read once until a pick changes, not by every results
    page that is not in the cache, nor again after each write to the index."""
    guide = publish_page(home_fr, "Guide du budget participatif", body="Des pommiers.")
    publish_page(home_fr, "Vergers suspendus", body="Des pommiers et des poiriers.")
    SearchPromotion.objects.create(query=Query.get("budget"), page=guide, sort_order=0)
    titles(client, "pommiers")  # a miss: reads which queries have picks
    with CaptureQueriesContext(connection) as other:
        assert titles(client, "poiriers") == ["Vergers suspendus"]  # another miss
    assert searched(other.captured_queries)
    assert not [q for q in other.captured_queries if "searchpromotion" in q["sql"].lower()]
    publish_page(home_fr, "Poiriers en espalier", body="Des poiriers.")  # a write
    with CaptureQueriesContext(connection) as after_write:
        assert titles(client, "poiriers") == ["Poiriers en espalier", "Vergers suspendus"]
    assert searched(after_write.captured_queries)
    assert not [q for q in after_write.captured_queries if "searchpromotion" in q["sql"].lower()]
    # A query that has picks still shows them.
    page = soup(client.get("/fr/recherche/", {"q": "budget"}))
    assert [a.get_text() for a in page.select(".search-picks li a")] == [guide.title]


def test_links_follow_a_change_of_sites_at_once(client, home_fr):
    """A results page's links are made for the request's site, which is kept for its host
    (a miss reads no sites table); saving a Site forgets it, and every results page."""
    publish_page(home_fr, "Vergers suspendus", body="Des pommiers au pied des immeubles.")

    def links():
        page = soup(client.get("/fr/recherche/", {"q": "pommiers"}))
        suggested = client.get("/fr/recherche/suggestions/", {"q": "verg"}).json()["results"]
        return [a["href"] for a in page.select(".search-hit__title a")], [
            result["url"] for result in suggested
        ]

    assert links() == (["/fr/vergers-suspendus/"], ["/fr/vergers-suspendus/"])
    results_cache.bump()  # a miss after a publish: the host's site is still kept
    with CaptureQueriesContext(connection) as missed:
        assert links()[0] == ["/fr/vergers-suspendus/"]
    assert not [q for q in missed.captured_queries if "wagtailcore_site" in q["sql"]]
    # The site moves to another host; this host now serves another site: the page's
    # links become absolute, to the host that serves it.
    site = Site.objects.get(is_default_site=True)
    site.hostname = "vergers.example.org"
    site.save()
    other_root = Page.objects.get(depth=1).add_child(instance=Page(title="Autre", slug="autre"))
    Site.objects.create(hostname="testserver", port=80, root_page=other_root)
    address = "http://vergers.example.org/fr/vergers-suspendus/"
    assert links() == ([address], [address])


def test_a_filtered_miss_reads_its_filters_from_the_facet_values_kept(client, home_fr):
    publish_page(home_fr, "Vergers suspendus", body="Des pommiers et des poiriers.")
    assert titles(client, "pommiers", type="page") == ["Vergers suspendus"]  # keeps them

    def facet_value_queries(queries):
        return [q for q in queries.captured_queries if "search_facetvalue" in q["sql"]]

    with CaptureQueriesContext(connection) as queries:
        assert titles(client, "poiriers", type="page") == ["Vergers suspendus"]
    assert searched(queries.captured_queries) and not facet_value_queries(queries)
    # A value interned by another process after they were kept is looked up, and one
    # that no document has finds nothing.
    from search.models import FacetValue

    FacetValue.objects.create(facet="type", value="interned-later")
    with CaptureQueriesContext(connection) as queries:
        assert titles(client, "poiriers", type="interned-later") == []
    assert facet_value_queries(queries)
    assert titles(client, "poiriers", type="no-such-kind") == []
