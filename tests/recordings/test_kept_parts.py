"""A recording page's content (header, player, notes, transcript) is kept between renders
for each choice of version and transcript, and an address that opens a time or a moment
is rendered for itself: nobody gets another address's focus, or a stale transcript.

The page cache is off here: every answer is a render.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .conftest import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def html(url, **params):
    response = Client().get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return response.content.decode()


def long_recording(session_fr, make_recording):
    """A recording whose transcript comes in several parts, in French and English."""
    times = range(0, 7200, 3)
    return make_recording(
        session_fr(3),
        transcripts={
            "fr": [(s, f"Phrase numéro {s} de la transcription, assez longue.") for s in times],
            "en": [(s, f"Sentence number {s} of the transcript, long enough.") for s in times],
        },
    )


ADDRESSES = [
    {},
    {"transcript": "en"},
    {"transcript": "fr", "video": "original"},
    {"t": "7"},
    {"part": "2"},
    {"part": "99999"},
]


@pytest.mark.parametrize("params", ADDRESSES)
def test_a_kept_recording_page_reads_exactly_as_a_fresh_render(settings, recording_fr, params):
    html(recording_fr.url, **params)  # renditions made, parts kept
    kept = html(recording_fr.url, **params)
    settings.FAIRVILLE_FRAGMENT_CACHE_SECONDS = 0
    assert html(recording_fr.url, **params) == kept


def test_each_part_and_language_of_a_long_transcript_is_its_own(session_fr, make_recording):
    recording = long_recording(session_fr, make_recording)
    first = soup(Client().get(recording.url))
    second = soup(Client().get(recording.url, {"part": "2"}))
    english = soup(Client().get(recording.url, {"transcript": "en"}))
    english_second = soup(Client().get(recording.url, {"transcript": "en", "part": "2"}))
    again = soup(Client().get(recording.url))

    def shown(page):
        return [p["id"] for p in page.select(".transcript__paragraph")]

    def language(page):
        return {p["lang"] for p in page.select(".transcript__paragraph")}

    assert shown(first) and shown(second) and set(shown(first)).isdisjoint(shown(second))
    assert set(shown(english)).isdisjoint(shown(english_second))
    assert language(first) == language(second) == {"fr"}
    assert language(english) == language(english_second) == {"en"}
    assert shown(again) == shown(first)


def test_an_address_with_a_time_keeps_its_focus_to_itself(recording_fr):
    html(recording_fr.url)  # the plain page's parts kept
    timed = soup(Client().get(recording_fr.url, {"t": "7"}))
    assert timed.select_one(".transcript__paragraph.is-current")["id"] == "t-7"
    assert "La vidéo commence à 0:07." in timed.select_one(".player__start").get_text()
    plain = soup(Client().get(recording_fr.url))
    assert plain.select(".is-current") == [] and plain.select_one(".player__start") is None


def test_a_moment_permalink_is_cited_and_highlighted_after_the_plain_page_was_kept(
    recording_fr,
):
    plain = soup(Client().get(recording_fr.url))
    assert plain.select_one(".moment-card") is None
    links = plain.select(".moment__link")
    permalink = links[-1]["href"].split("#")[0]
    opened = soup(Client().get(recording_fr.url + permalink))
    assert opened.select_one(".moment-card") is not None
    assert opened.select_one(".moment.is-current")["id"] == links[-1]["href"].split("#")[1]
    # The head cites the moment (its speaker), not the recording as the plain page does.
    plain_head = {m["name"]: m["content"] for m in plain.select("meta[name^=citation_]")}
    head = {m["name"]: m["content"] for m in opened.select("meta[name^=citation_]")}
    assert head != plain_head
    again = soup(Client().get(recording_fr.url))
    assert again.select(".moment.is-current") == [] and again.select_one(".moment-card") is None
    assert {m["name"]: m["content"] for m in again.select("meta[name^=citation_]")} == plain_head


def test_a_reimported_transcript_shows_at_once(recording_fr):
    from sessions.captions import Cue
    from sessions.recording_import import write_transcript

    html(recording_fr.url)
    write_transcript(recording_fr, "fr", "new.vtt", [Cue(0, 2000, "Un texte tout neuf.")], None)
    assert "Un texte tout neuf." in html(recording_fr.url)


def test_a_published_change_to_the_notes_shows_at_once(recording_fr):
    from sessions.models import RecordingPage

    assert "Des points clés tout neufs" not in html(recording_fr.url)
    page = RecordingPage.objects.get(pk=recording_fr.pk)
    page.takeaways = "<p>Des points clés tout neufs.</p>"
    page.title = "Un enregistrement renommé"
    page.save_revision().publish()
    shown = html(recording_fr.url)
    assert "Des points clés tout neufs." in shown
    assert "<h1>Un enregistrement renommé</h1>" in shown


def test_a_kept_render_does_not_read_the_transcript(recording_fr):
    """The segments (a thousand rows for a two-hour session) are read for a render that
    builds the transcript, not for one that finds it kept."""
    html(recording_fr.url)
    with CaptureQueriesContext(connection) as captured:
        html(recording_fr.url)
    segment_reads = [q["sql"] for q in captured if "transcriptsegment" in q["sql"]]
    assert segment_reads == []
    assert len(captured) <= 8, [q["sql"] for q in captured]


def test_links_keep_the_transcript_chosen_after_the_plain_page_was_kept(recording_fr):
    html(recording_fr.url)  # the plain page's parts kept: its links say transcript=fr
    english = soup(Client().get(recording_fr.url, {"transcript": "en"}))
    chapters = [a["href"] for a in english.select(".chapters a")]
    stamps = [a["href"] for a in english.select(".transcript__paragraph a.timestamp")]
    assert chapters and stamps
    assert all("transcript=en" in href for href in chapters + stamps), chapters + stamps
