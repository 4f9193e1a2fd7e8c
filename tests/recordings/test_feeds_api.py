"""Recordings in the public interfaces: the API endpoint and the archive's feeds."""

from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from defusedxml import ElementTree as ET

from cms.pagecache import invalidate
from sessions.models import RecordingPage, RecordingsIndexPage

from .conftest import soup

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
YOUTUBE = "https://www.youtube.com/watch?v=aBcDeFgHiJk"


def fetch(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type)
    return ET.fromstring(response.content)


def test_the_recordings_endpoint_gives_the_public_facts(client, recording_en):
    data = client.get("/api/v2/recordings/", {"locale": "en", "fields": "*"}).json()
    (item,) = data["items"]
    assert item["id"] == recording_en.pk and item["title"] == "Example recording"
    assert item["duration_seconds"] == 12
    assert item["api_session"]["title"] == "Example session — recording and transcript"
    (version,) = item["api_versions"]
    assert version["language"] == "original" and version["file_url"].startswith("/documents/")
    assert [c["start"] for c in item["api_chapters"]] == [0, 6]
    assert {t["language"] for t in item["api_transcripts"]} == {"fr", "en"}
    captions = next(t for t in item["api_transcripts"] if t["language"] == "en")["webvtt_url"]
    assert client.get(captions).content.startswith(b"WEBVTT")
    # Nothing else than the allow-list: the editor's social text is not public data.
    assert "social_text" not in item and "transcripts" not in item


def test_a_hosted_version_is_given_as_its_privacy_enhanced_player(
    client, session_fr, make_recording
):
    recording = make_recording(session_fr(1), videos=[("original", YOUTUBE)])
    item = client.get(f"/api/v2/recordings/{recording.pk}/").json()
    assert item["api_versions"] == [
        {
            "language": "original",
            "provider": "youtube",
            "embed_url": "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk?autoplay=1&rel=0",
        }
    ]
    recording.unpublish()
    # Not served (outside /fr/ and /en/, the site's own 404 page answers after a redirect).
    assert client.get(f"/api/v2/recordings/{recording.pk}/", follow=True).status_code == 404


@pytest.mark.parametrize("language", ["fr", "en"])
def test_feeds_of_new_recordings_newest_first(
    client, language, session_fr, make_recording, recording_fr, recording_en
):
    # Published at known moments around the demo's example recording (one per language).
    example = recording_fr.first_published_at
    older = make_recording(session_fr(3), title="Enregistrement ancien")
    new = make_recording(session_fr(1), videos=[("original", YOUTUBE)])
    draft = make_recording(session_fr(2))
    draft.unpublish()
    for page, moment in [(older, -1), (new, 1), (draft, 2)]:
        RecordingPage.objects.filter(pk=page.pk).update(
            first_published_at=example + timedelta(days=moment)
        )
    invalidate()  # update() sends no signal
    expected = {"fr": [new, recording_fr, older], "en": [recording_en]}[language]

    archive = RecordingsIndexPage.objects.get(locale__language_code=language)
    page = soup(client.get(archive.url))
    links = {link["type"]: link["href"] for link in page.select('link[rel="alternate"][type]')}
    assert set(links) >= {"application/rss+xml", "application/atom+xml"}

    channel = fetch(client, links["application/rss+xml"], "application/rss+xml").find("channel")
    assert channel.findtext("language") == language
    items = channel.findall("item")
    entries = [item.findtext("link") for item in items]
    assert entries == ["http://testserver" + r.url for r in expected]
    dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in items]
    assert dates == sorted(dates, reverse=True)
    if language == "fr":
        assert (
            items[0].findtext("description").startswith("Enregistrement de #1 Ancrer durablement")
        )

    atom = fetch(client, links["application/atom+xml"], "application/atom+xml")
    assert len(atom.findall(f"{ATOM}entry")) == len(items)
