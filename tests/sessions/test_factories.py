"""sessions.factories.bulk_sessions: generated past sessions, recordings and transcripts."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from sessions.factories import TOPICS, bulk_sessions
from sessions.models import RecordingPage, SeriesPage, SessionPage

from .conftest import soup, text

pytestmark = pytest.mark.django_db


def hit_links(client, url, query):
    page = soup(client.get(url, {"q": query, "type": "transcript"}))
    return [hit.select_one("a")["href"] for hit in page.select(".search-hit")]


def topic_word(segment, language):
    """A word of ``segment`` that only the generated transcripts say (a topic's last word)."""
    index = 0 if language == "fr" else 1
    return next(t[index].split()[-1] for t in TOPICS if t[index] in segment.text)


def test_generated_sessions_recordings_and_transcripts_are_real_pages(client, fr, en):
    sessions = bulk_sessions(3, segments=5, seed=1)
    assert Page.find_problems() == ([], [], [], [], [])
    series = SeriesPage.objects.get(locale=fr, slug="serie-d-exemple-generee")
    assert [s.pk for s in SessionPage.objects.child_of(series)] == [s.pk for s in sessions]
    assert [s.number for s in sessions] == [1, 2, 3]
    assert all(s.is_past and "exemple générée" in s.title for s in sessions)

    for session in sessions:
        english = session.get_translation(en)
        assert english.title.startswith(f"Generated example session no. {session.number}")
        for page in (session, english):
            recording = RecordingPage.objects.child_of(page).live().get()
            assert recording.recorded_at == session.starts_at
            # Both render, through the tree: the session links to its recording.
            assert recording.url in {a["href"] for a in soup(client.get(page.url)).select("a")}
            html = soup(client.get(recording.url))
            assert text(html.h1) == recording.title
    # The series lists them as past sessions in both languages.
    for locale in (fr, en):
        past = soup(client.get(series.get_translation(locale).url)).select_one("#past-title")
        listed = {a["href"] for a in past.find_parent("section").select(".session-list a")}
        assert {s.get_translation(locale).url for s in sessions} <= listed

    recording = RecordingPage.objects.child_of(sessions[0]).get()
    transcripts = {t.language: t for t in recording.transcripts.all()}
    assert sorted(transcripts) == ["en", "fr"]
    for language, transcript in transcripts.items():
        segments = list(transcript.segments.order_by("position"))
        assert len(segments) == 5
        assert all(s.start_ms < s.end_ms for s in segments)
        assert all(a.end_ms <= b.start_ms for a, b in zip(segments, segments[1:], strict=False))
        assert all(15 <= len(s.text.split()) <= 30 for s in segments[1:])
        marker, speaker = (
            ("générée", "Intervenant·e") if language == "fr" else ("Generated", "Speaker")
        )
        assert marker in segments[0].text
        assert all(s.speaker in {f"{speaker} {letter}" for letter in "ABC"} for s in segments)


def test_the_site_search_finds_a_generated_moment_and_links_to_it(client, fr, en):
    session = bulk_sessions(2, segments=5, seed=2)[0]
    call_command("update_index", verbosity=0)
    recording = RecordingPage.objects.child_of(session).get()
    for language, url in (("fr", "/fr/recherche/"), ("en", "/en/search/")):
        page = recording.get_translation(fr if language == "fr" else en)
        segment = recording.transcripts.get(language=language).segments.get(position=1)
        moment = f"{page.url}?transcript={language}&t={segment.seconds}#t-{segment.seconds}"
        assert moment in hit_links(client, url, topic_word(segment, language))
        # The link opens the recording at that moment.
        html = soup(client.get(moment.split("#")[0]))
        assert html.select_one(f"#t-{segment.seconds}.is-current") is not None


def test_a_second_call_adds_sessions_to_the_same_series(fr, en):
    bulk_sessions(2, segments=2, seed=3)
    bulk_sessions(2, segments=2, seed=4)
    series = SeriesPage.objects.get(locale=fr, slug="serie-d-exemple-generee")
    assert list(SessionPage.objects.child_of(series).values_list("number", flat=True)) == [
        1,
        2,
        3,
        4,
    ]
    assert SeriesPage.objects.filter(translation_key=series.translation_key).count() == 2
    assert Page.find_problems() == ([], [], [], [], [])
