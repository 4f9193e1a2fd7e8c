"""The library's RSS and Atom feeds of new case studies, in each language."""

from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from defusedxml import ElementTree as ET
from django.utils import timezone
from wagtail.models import PageViewRestriction

from practices.models import CaseStudyPage

from .conftest import soup

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def fetch(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type)
    return ET.fromstring(response.content)  # a real XML parser: malformed output fails


def rss(client, library):
    channel = fetch(client, library.route_url("feed_rss"), "application/rss+xml").find("channel")
    items = [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "description": item.findtext("description"),
            "date": parsedate_to_datetime(item.findtext("pubDate")),
        }
        for item in channel.findall("item")
    ]
    return channel, items


def newest(library, limit=20):
    return list(
        CaseStudyPage.objects.live()
        .public()
        .child_of(library)
        .order_by("-first_published_at", "-pk")[:limit]
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_rss_feed_lists_the_newest_case_studies_in_the_librarys_language(
    client, language, library_fr, library_en
):
    library = {"fr": library_fr, "en": library_en}[language]
    channel, items = rss(client, library)
    assert channel.findtext("language") == language
    assert library.title in channel.findtext("title")
    expected = newest(library)
    assert [item["title"] for item in items] == [page.title for page in expected]
    assert [item["description"] for item in items] == [page.summary for page in expected]
    assert [item["link"] for item in items] == [f"http://testserver{p.url}" for p in expected]
    assert all(item["link"].startswith(f"http://testserver/{language}/") for item in items)
    dates = [item["date"] for item in items]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_atom_feed_says_the_same_in_atom(client, language, library_fr, library_en):
    library = {"fr": library_fr, "en": library_en}[language]
    feed = fetch(client, library.route_url("feed_atom"), "application/atom+xml")
    assert feed.tag == f"{ATOM}feed"
    assert feed.get(XML_LANG) == language
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        page.title for page in newest(library)
    ]
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href").startswith(f"http://testserver/{language}/")
        assert entry.findtext(f"{ATOM}updated")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_library_and_case_study_pages_announce_both_feeds_in_their_head(
    client, language, library_fr, library_en
):
    library = {"fr": library_fr, "en": library_en}[language]
    for url in (library.url, newest(library)[0].url):
        head = soup(client.get(url)).head
        links = {
            link["type"]: link["href"]
            for link in head.find_all("link", rel="alternate")
            if link.get("type", "").endswith("+xml")
        }
        assert links == {
            "application/rss+xml": library.route_url("feed_rss"),
            "application/atom+xml": library.route_url("feed_atom"),
        }, url
        for content_type, href in links.items():
            assert fetch(client, href, content_type) is not None


def test_a_new_case_study_shows_at_once_drafts_and_private_ones_never(
    client, make_case, library_fr, django_assert_num_queries
):
    rss(client, library_fr)
    with django_assert_num_queries(0):  # the second reader gets the cached feed
        _, before = rss(client, library_fr)

    fresh = make_case("Jardin partagé des Aubes")
    draft = make_case("Brouillon secret")
    draft.unpublish()
    private = make_case("Cas réservé")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    # Published later than the others, so it would come first if it were listed.
    CaseStudyPage.objects.filter(pk__in=[draft.pk, private.pk]).update(
        first_published_at=timezone.now() + timedelta(days=1)
    )

    _, after = rss(client, library_fr)
    titles = [item["title"] for item in after]
    assert titles[0] == fresh.title
    assert "Brouillon secret" not in titles and "Cas réservé" not in titles
    assert titles[1:] == [item["title"] for item in before][: len(titles) - 1]
