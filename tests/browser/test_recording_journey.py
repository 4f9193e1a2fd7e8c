"""Journey 4: a visitor watches the example recording and jumps to a transcript timestamp.

Every request Chromium makes is recorded. Nothing outside the site is requested before
the visitor clicks; after the click, only the privacy-enhanced player's host. Nothing
outside can be reached from here, so the test checks the requests and the frame's
address the page attempts, not the provider's answer.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import foreign_requests, wait_until_idle
from .test_accessibility import scan

ARCHIVE = "/fr/dialogues/enregistrements/"


@pytest.fixture
def context_options():
    return {"locale": "fr-FR", "timezone_id": "Europe/Paris"}


def hosted_recording():
    """A recording of session #1 on YouTube (original) and Vimeo (English), with a transcript."""
    from sessions.captions import Cue
    from sessions.models import RecordingChapter, RecordingPage, RecordingVideo, SessionPage
    from sessions.recording_import import write_transcript

    session = SessionPage.objects.get(locale__language_code="fr", number=1)
    recording = RecordingPage(
        title="Enregistrement de test",
        slug="enregistrement-de-test",
        duration=timedelta(hours=2),
        videos=[
            RecordingVideo(language="original", url="https://youtu.be/aBcDeFgHiJk", sort_order=0),
            RecordingVideo(language="en", url="https://vimeo.com/76979871", sort_order=1),
        ],
        chapters=[RecordingChapter(start=timedelta(minutes=42, seconds=10), title="Questions")],
    )
    session.add_child(instance=recording)
    recording.save_revision().publish()
    write_transcript(
        recording,
        "fr",
        "fr.vtt",
        [Cue(0, 4000, "Texte de test.", "Ada Test"), Cue(600_000, 604_000, "Dix minutes.")],
        None,
    )
    return RecordingPage.objects.get(pk=recording.pk).url


def click(locator):
    # Scrolled first: with a cross-origin frame on the page, a click that Chromium must
    # scroll to can be lost while the frame (failing offline) lays out.
    locator.scroll_into_view_if_needed()
    expect(locator).to_be_in_viewport()
    locator.click()


def document_requests(page):
    return [url for url in page.requested_urls if urlsplit(url).path.startswith("/documents/")]


def test_watch_a_recording_and_jump_to_a_timestamp(page, site):
    # From the archive to the example recording, in French.
    page.goto(site + ARCHIVE)
    page.get_by_role("link", name="Session d'exemple — enregistrement et transcription").click()
    expect(page.locator("h1")).to_have_text("Enregistrement d'exemple")
    video = page.locator("video[data-player-video]")
    expect(video).to_be_visible()
    # The poster is the site's; the video itself is not loaded before the visitor acts.
    assert document_requests(page) == []
    assert foreign_requests(page, site) == []

    # A timestamp of the transcript seeks the player, which now loads from the site.
    # The browser fetches the video in byte ranges (206), which Safari needs to play it.
    with page.expect_response(lambda r: "/documents/" in r.url and r.status == 206):
        page.locator("#transcript").get_by_role("link", name="Lire à partir de 0:06").click()
    page.wait_for_function("() => document.querySelector('video').currentTime >= 6")
    assert page.evaluate("document.querySelector('video').currentTime") < 12
    expect(page).to_have_url(re.compile(r"[?&]t=6\b.*#player$"))
    assert document_requests(page) and all(url.startswith(site) for url in document_requests(page))
    # Captions come from the site too, French by default on the French page.
    tracks = page.evaluate(
        "[...document.querySelector('video').textTracks].map(t => [t.language, t.mode])"
    )
    assert ["fr", "showing"] in tracks
    assert foreign_requests(page, site) == []

    # In the same test (each live-server test reloads the demo): a hosted video.
    page.goto(site + hosted_recording())
    expect(page.locator("h1")).to_have_text("Enregistrement de test")
    assert page.locator("iframe").count() == 0
    assert foreign_requests(page, site) == []
    # The facade is accessible (axe, WCAG 2.1 AA) before anything is loaded.
    violations, passed = scan(Axe(), page)
    assert passed > 10 and violations == []

    # Waiting for the frame's request: the request event can follow its src attribute.
    with page.expect_request("https://www.youtube-nocookie.com/**"):
        page.get_by_role("link", name="Lire la vidéo").click()
    frame = page.locator(".player iframe")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk?autoplay=1&rel=0"
    )
    # Once the frame has loaded and nothing is in flight, whatever it fetched is recorded.
    frame.element_handle().content_frame().wait_for_load_state()
    wait_until_idle(page)
    hosts = {urlsplit(request).netloc for request in foreign_requests(page, site)}
    assert hosts == {"www.youtube-nocookie.com"}

    # A chapter's time reloads the player at that moment (42:10 is 2,530 seconds).
    click(page.get_by_role("link", name="Lire à partir de 42:10"))
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk?autoplay=1&rel=0&start=2530"
    )
    expect(page).to_have_url(re.compile(r"[?&]t=2530\b"))

    # The English interpretation is on Vimeo: nothing from it until its own click.
    click(page.get_by_role("link", name="Interprétation : Anglais"))
    expect(page.locator("[data-player]")).to_have_attribute("data-provider", "vimeo")
    assert foreign_requests(page, site) == [
        request for request in foreign_requests(page, site) if "youtube-nocookie" in request
    ]
    with page.expect_request("https://player.vimeo.com/**"):
        click(page.get_by_role("link", name="Lire la vidéo"))
    expect(page.locator(".player iframe")).to_have_attribute(
        "src", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
    )
    click(page.locator("#transcript").get_by_role("link", name="Lire à partir de 10:00"))
    expect(page.locator(".player iframe")).to_have_attribute(
        "src", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=600s"
    )
    hosts = {urlsplit(request).netloc for request in foreign_requests(page, site)}
    assert hosts == {"www.youtube-nocookie.com", "player.vimeo.com"}
