"""A feed, an export or a citation asked for under a language the page has no version in
answers in its own format (cms/missing_translation.py), from the version whose address it
is and in that version's language, instead of the HTML page that says the page is missing:
a feed reader or a script cannot read that page. Under the reader's own version's address,
it is redirected there."""

import json

import pytest
from defusedxml import ElementTree as ET

from practices.models import LibraryPage
from tests import helpers

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def no_english_library(en):
    LibraryPage.objects.get(locale=en).unpublish()


def test_a_feed_under_a_language_without_the_page_is_the_existing_versions_feed(
    client, no_english_library
):
    rss = client.get("/en/bibliotheque/feed/rss/")
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert rss["Content-Language"] == "fr"
    channel = ET.fromstring(rss.content).find("channel")
    assert channel.findtext("language") == "fr"
    # Its words are the version's, not the reader's: the title is the French one.
    assert channel.findtext("title") == "Bibliothèque de cas : nouvelles études de cas"
    items = channel.findall("item")
    assert items and all(
        item.findtext("link").startswith("http://testserver/fr/") for item in items
    )

    atom = client.get("/en/bibliotheque/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(atom.content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.find(f"{ATOM}entry") is not None


def test_an_export_under_a_language_without_the_page_is_the_existing_versions_export(
    client, no_english_library
):
    response = client.get("/en/bibliotheque/export/json/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Language"] == "fr"
    assert json.loads(response.content)
    # The library itself, a page for people, still says it is missing in English.
    page = helpers.soup(client.get("/en/bibliotheque/"))
    assert page.h1.get_text(strip=True) == "Not available in this language"


def test_a_feed_under_another_languages_address_leads_to_the_readers_version(client):
    response = client.get("/en/bibliotheque/feed/atom/")
    assert response.status_code == 302
    assert response["Location"] == "/en/library/feed/atom/"
    feed = client.get(response["Location"])
    assert ET.fromstring(feed.content).get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_a_feed_of_an_unpublished_or_unknown_page_stays_not_found(client, fr, en):
    for library in LibraryPage.objects.all():
        library.unpublish()
    assert client.get("/en/bibliotheque/feed/rss/").status_code == 404
    assert client.get("/en/nowhere/feed/rss/").status_code == 404
