"""A self-hosted recording is served in byte ranges, as browsers fetch and seek video."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction

from .conftest import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def video(client, recording_fr):
    """(URL, bytes) of the demo recording's video, as its page gives it."""
    src = soup(client.get(recording_fr.url)).select_one("video source")["src"]
    document = recording_fr.videos.first().file
    with document.file.open("rb") as handle:
        return src, handle.read()


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_a_range_is_answered_with_that_part_only(client, video):
    url, data = video
    size = len(data)
    assert size > 1000

    response, body = get(client, url, Range="bytes=0-1")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-1/{size}"
    assert body == data[:2] and response["Content-Length"] == "2"
    assert response["Content-Type"] == "video/webm"
    assert response["Accept-Ranges"] == "bytes"
    # Still an uploaded file: it may run nothing and is never sniffed.
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"

    response, body = get(client, url, Range="bytes=1000-")
    assert response.status_code == 206 and body == data[1000:]
    assert response["Content-Range"] == f"bytes 1000-{size - 1}/{size}"
    response, body = get(client, url, Range="bytes=-100")
    assert response.status_code == 206 and body == data[-100:]
    response, body = get(client, url, Range=f"bytes=10-{size + 5000}")
    assert response.status_code == 206 and body == data[10:]


def test_without_a_range_or_with_one_it_cannot_meet_the_answer_is_clear(client, video):
    url, data = video
    size = len(data)
    response, body = get(client, url)
    assert response.status_code == 200 and body == data

    for unmet in (f"bytes={size}-", "bytes=50-10", "bytes=-0"):
        response, _ = get(client, url, Range=unmet)
        assert response.status_code == 416, unmet
        assert response["Content-Range"] == f"bytes */{size}"

    # Several ranges, another unit, nonsense: the whole file, as RFC 9110 allows.
    for ignored in ("bytes=0-1,5-6", "items=0-1", "bytes=abc", "x" * 10_000, "bytes=٣-٤"):
        response, body = get(client, url, Range=ignored)
        assert response.status_code == 200 and body == data, ignored


def test_a_range_follows_only_the_same_file(client, video, recording_fr):
    url, data = video
    document = recording_fr.videos.first().file
    document.file_hash = "f00d"  # as the admin's upload sets it
    document.save()
    response, body = get(client, url, Range="bytes=0-1")
    assert response.status_code == 206 and response["ETag"] == '"f00d"'
    response, body = get(client, url, Range="bytes=0-1", **{"If-Range": '"f00d"'})
    assert response.status_code == 206 and body == data[:2]
    # The file changed since the browser's first part (another ETag): all of it again.
    response, body = get(client, url, Range="bytes=0-1", **{"If-Range": '"stale"'})
    assert response.status_code == 200 and body == data


def test_a_long_open_range_comes_in_parts(client, video, monkeypatch):
    url, data = video
    monkeypatch.setattr("cms.documents.PART", 1000)
    response, body = get(client, url, Range="bytes=0-")
    assert response.status_code == 206 and body == data[:1000]
    assert response["Content-Range"] == f"bytes 0-999/{len(data)}"
    # The browser asks for the rest where the part ended, until it has it all.
    received = body
    while len(received) < len(data):
        response, body = get(client, url, Range=f"bytes={len(received)}-")
        assert response.status_code == 206 and 0 < len(body) <= 1000
        received += body
    assert received == data


def test_a_range_of_a_private_document_is_not_served(client, video, recording_fr):
    url, data = video
    document = recording_fr.videos.first().file
    private = Collection.get_first_root_node().add_child(name="Private")
    document.collection = private
    document.save()
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Moderators")])

    response, body = get(client, url, Range="bytes=0-1")
    # Wagtail's own check runs first: the visitor is sent to sign in, and gets no byte.
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert body == b""
