"""The library's RSS and Atom feeds of new case studies, in each language."""

from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from defusedxml import ElementTree as ET
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.pagecache import invalidate
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


@pytest.fixture
def dated_cases(make_case):
    """Four new case studies in both languages, published at known moments after every
    case study of the demo (24 of them): the feeds list these first, newest first, and of
    two published at the same moment the one created last. Returns their titles in that
    order, by language."""
    names = [("Cas un", "Case one"), ("Cas deux", "Case two")]
    names += [("Cas trois", "Case three"), ("Cas quatre", "Case four")]
    start = timezone.now() + timedelta(days=1)
    moments = [start, start + timedelta(hours=1), start + timedelta(hours=2)]
    moments.append(moments[-1])
    for (french, english), moment in zip(names, moments, strict=True):
        page = make_case(french, english=english)
        CaseStudyPage.objects.filter(translation_key=page.translation_key).update(
            first_published_at=moment
        )
    invalidate()  # update() sends no signal
    return {
        "fr": ["Cas quatre", "Cas trois", "Cas deux", "Cas un"],
        "en": ["Case four", "Case three", "Case two", "Case one"],
    }


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_rss_feed_lists_the_newest_case_studies_in_the_librarys_language(
    client, language, library_fr, library_en, dated_cases
):
    library = {"fr": library_fr, "en": library_en}[language]
    channel, items = rss(client, library)
    assert channel.findtext("language") == language
    assert library.title in channel.findtext("title")
    assert len(items) == 20  # the newest twenty of 28
    assert [item["title"] for item in items[:4]] == dated_cases[language]
    newest = {
        "fr": ("Résumé de Cas quatre.", "cas-quatre"),
        "en": ("Summary of Case four.", "case-four"),
    }
    summary, slug = newest[language]
    assert items[0]["description"] == summary
    assert items[0]["link"] == f"http://testserver{library.url}{slug}/"
    assert all(item["link"].startswith(f"http://testserver/{language}/") for item in items)
    dates = [item["date"] for item in items]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_atom_feed_says_the_same_in_atom(client, language, library_fr, library_en, dated_cases):
    library = {"fr": library_fr, "en": library_en}[language]
    feed = fetch(client, library.route_url("feed_atom"), "application/atom+xml")
    assert feed.tag == f"{ATOM}feed"
    assert feed.get(XML_LANG) == language
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles[:4] == dated_cases[language]
    assert titles == [item["title"] for item in rss(client, library)[1]]
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href").startswith(f"http://testserver/{language}/")
        assert entry.findtext(f"{ATOM}updated")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_library_and_case_study_pages_announce_both_feeds_in_their_head(
    client, language, library_fr, library_en
):
    library = {"fr": library_fr, "en": library_en}[language]
    for url in (library.url, CaseStudyPage.objects.live().child_of(library).first().url):
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
