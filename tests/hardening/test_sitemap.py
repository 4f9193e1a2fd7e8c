"""robots.txt and sitemap.xml, where search engines look for them (no language prefix)."""

from urllib.parse import urlsplit

import pytest
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.models import StandardPage

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    entries = {}
    for url in root.findall("s:url", NS):
        location = urlsplit(url.findtext("s:loc", namespaces=NS)).path
        entries[location] = {
            link.get("hreflang"): urlsplit(link.get("href")).path
            for link in url.findall("xhtml:link[@rel='alternate']", NS)
        }
    return entries


def test_robots_allows_the_site_keeps_out_of_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines and "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_lists_both_languages_with_hreflang_alternates(client):
    entries = sitemap(client)
    assert {"/fr/", "/en/", "/fr/a-propos-des-dialogues/", "/en/about-the-dialogues/"} <= set(
        entries
    )
    assert entries["/fr/a-propos-des-dialogues/"] == {
        "fr": "/fr/a-propos-des-dialogues/",
        "en": "/en/about-the-dialogues/",
    }
    # Each version points at the same set of alternates, itself included.
    assert entries["/en/about-the-dialogues/"] == entries["/fr/a-propos-des-dialogues/"]
    for location in entries:
        assert client.get(location).status_code == 200, location


def test_sitemap_leaves_out_drafts_private_pages_and_lists_new_live_ones(client, home_fr):
    draft = StandardPage(title="Brouillon", slug="brouillon", live=False)
    home_fr.add_child(instance=draft)
    draft.save_revision()
    private = StandardPage(title="Réservé", slug="reserve")
    home_fr.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    fresh = StandardPage(title="Nouvelle page", slug="nouvelle-page")
    home_fr.add_child(instance=fresh)
    fresh.save_revision().publish()

    entries = sitemap(client)
    assert "/fr/brouillon/" not in entries
    assert "/fr/reserve/" not in entries
    # Not translated yet: listed, with no alternates to announce.
    assert entries["/fr/nouvelle-page/"] == {}

    fresh.unpublish()
    assert "/fr/nouvelle-page/" not in sitemap(client)


def test_sitemap_queries_do_not_grow_with_the_pages(client, home_fr):
    def queries():
        sitemap(client)  # fills Wagtail's cache of site root paths
        with CaptureQueriesContext(connection) as captured:
            entries = sitemap(client)
        return entries, len(captured)

    before = queries()[1]
    for number in range(20):
        page = StandardPage(title=f"Page {number}", slug=f"page-{number}")
        home_fr.add_child(instance=page)
        page.save_revision().publish()
    entries, after = queries()
    assert "/fr/page-19/" in entries
    assert after == before


def test_sitemap_lists_the_lab_pages_and_codebook_in_each_language(client):
    entries = sitemap(client)
    for path in [
        "/fr/bibliotheque/laboratoires/marseille/",
        "/en/library/labs/marseille/",
        "/en/library/labs/le-caire/",
        "/fr/bibliotheque/dictionnaire-des-donnees/",
        "/en/library/codebook/",
    ]:
        assert path in entries
        assert client.get(path).status_code == 200, path
