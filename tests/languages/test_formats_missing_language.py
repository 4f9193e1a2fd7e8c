"""Addresses machines read, in a language that lacks their content, answer in their own
format: the recordings' feed under the added language's prefix (no recording has a version
in it: the seed's sessions are French and English only) is the feed of the version whose
address it is, in that version's language; the API asked for a language without pages
answers JSON (cms/missing_translation.py, cms/api.py)."""

import json

import pytest
from defusedxml import ElementTree as ET

from sessions.models import RecordingsIndexPage

pytestmark = pytest.mark.django_db

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_the_recordings_feed_under_a_language_without_recordings_is_a_feed(client, added_language):
    index = RecordingsIndexPage.objects.get(locale__language_code="fr")
    assert not RecordingsIndexPage.objects.filter(locale__language_code=added_language)
    address = f"/{added_language}{index.url[3:]}"  # its French address, another prefix
    for kind, content_type in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
        response = client.get(f"{address}feed/{kind}/")
        assert response.status_code == 200, (kind, response.status_code)
        assert response["Content-Type"].startswith(content_type)
        assert response["Content-Language"] == "fr"
        feed = ET.fromstring(response.content)
        language = feed.findtext("channel/language") if kind == "rss" else feed.get(XML_LANG)
        assert language == "fr"
    # The page itself, for people, still says it is missing in that language.
    assert client.get(address)["Content-Type"].startswith("text/html")


def test_the_api_in_a_language_without_pages_answers_json(client, added_language):
    response = client.get("/api/v2/recordings/", {"locale": added_language})
    assert response["Content-Type"].startswith("application/json")
    # The language has a locale (load_demo makes one) but no recording: an empty listing.
    assert response.status_code == 200
    assert json.loads(response.content)["items"] == []
    unknown = client.get("/api/v2/recordings/", {"locale": "xx"})
    assert unknown.status_code == 404 and unknown["Content-Type"].startswith("application/json")
