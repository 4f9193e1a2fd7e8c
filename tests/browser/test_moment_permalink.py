"""A citable moment's permalink (issue 17 §3), in Chromium: the segment is highlighted
and in view, nothing is loaded before the visitor presses play, and playback starts at
the moment, not at the beginning."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import foreign_requests

RECORDING = "/fr/dialogues/serie-d-exemple/session-d-exemple-enregistree/enregistrement/"


@pytest.fixture
def context_options():
    return {"locale": "fr-FR", "timezone_id": "Europe/Paris"}


def document_requests(page):
    return [url for url in page.requested_urls if urlsplit(url).path.startswith("/documents/")]


def test_a_moment_permalink_plays_from_the_moment_with_the_segment_highlighted(page, site):
    page.goto(site + RECORDING)
    # The example's third cue starts at 0:06; its permalink is the "#" after its words.
    page.locator("#transcript").get_by_role("link", name="Citer 0:06").click()
    expect(page).to_have_url(re.compile(r"\?transcript=fr&moment=6000-[0-9a-f]{8}#m-6000-"))
    permalink = page.url

    # Opened afresh, as someone who was sent the link.
    page.goto("about:blank")
    page.requested_urls.clear()
    page.goto(permalink)
    segment = page.locator("#transcript .moment.is-current")
    expect(segment).to_have_count(1)
    expect(segment).to_contain_text("Cliquez sur un horaire pour lire la vidéo")
    expect(segment).to_be_in_viewport()
    background = segment.evaluate("node => getComputedStyle(node).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    expect(page.locator(".moment-card h2")).to_have_text("Citer ce moment")
    # Nothing of the video before the visitor acts, and nothing from anywhere else.
    assert document_requests(page) == [] and foreign_requests(page, site) == []

    # The visitor presses the player's own play button: playback starts at 0:06.
    video = page.locator("video[data-player-video]")
    video.scroll_into_view_if_needed()
    video.focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => { const v = document.querySelector('video'); "
        "return !v.paused && v.played.length > 0 && v.currentTime > 6.2; }"
    )
    start = page.evaluate("document.querySelector('video').played.start(0)")
    assert 5.9 <= start <= 6.1, start
    assert document_requests(page) and all(url.startswith(site) for url in document_requests(page))
    assert foreign_requests(page, site) == []
    expect(segment).to_have_class(re.compile(r"\bis-current\b"))
