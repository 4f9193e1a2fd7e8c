"""manage.py import_recording: real WebVTT and SRT files, all or nothing."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.documents import get_document_model

from search.models import IndexedDocument
from sessions.models import RecordingPage, Transcript, TranscriptSegment

from .conftest import FILES

pytestmark = pytest.mark.django_db
VIDEO = FILES.parent.parent.parent / "sessions" / "demo_media" / "example-recording.webm"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_recording", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts():
    return (
        RecordingPage.objects.count(),
        Transcript.objects.count(),
        TranscriptSegment.objects.count(),
        get_document_model().objects.count(),
    )


def test_import_a_recording_with_both_formats_chapters_and_a_file(session_fr, en):
    session = session_fr(2)
    out, _err = run(
        session.pk,
        "--video", f"original={VIDEO}",
        "--video", "en=https://youtu.be/aBcDeFgHiJk",
        "--transcript", f"fr={FILES / 'edge-cases.vtt'}",
        "--transcript", f"en={FILES / 'edge-cases.srt'}",
        "--chapters", FILES / "chapters.txt",
        "--chapters", f"en={FILES / 'chapters-en.txt'}",
        "--publish",
    )  # fmt: skip
    assert "4 segments" not in out and "(8 segments)" in out

    recording = RecordingPage.objects.child_of(session).get()
    # Titled and addressed in the session's language, whatever the command's.
    assert recording.live and recording.title == f"Enregistrement : {session.label}"
    assert recording.slug == "enregistrement"
    assert recording.recorded_at == session.starts_at
    # No duration given: the end of the last cue, past a hundred hours.
    assert recording.duration == timedelta(hours=100, seconds=1)
    versions = [(video.language, bool(video.file_id), video.url) for video in recording.video_list]
    assert versions == [
        ("original", True, ""),
        ("en", False, "https://www.youtube.com/watch?v=aBcDeFgHiJk"),
    ]
    assert [(c.seconds, c.title) for c in recording.chapter_list] == [
        (0, "Accueil"),
        (750, "Premier tour"),
        (3723, "Questions"),
    ]

    french = recording.transcripts.get(language="fr").segments.order_by("start_ms", "position")
    assert [(s.start_ms, s.end_ms, s.speaker) for s in french][:2] == [
        (0, 4500, "Ada Exemple"),
        (3000, 6000, "Bo Exemple"),
    ]
    assert french[0].text == "Bonjour à toutes\net à tous."
    english = recording.transcripts.get(language="en").segments.order_by("start_ms")
    assert english.last().start_ms == 100 * 3600 * 1000

    # The English session gets the English recording, chapters in English.
    translated = recording.get_translation(en)
    assert translated.live and translated.title.startswith("Recording: #2 Funding")
    assert [c.title for c in translated.chapter_list] == ["Welcome", "First round", "Questions"]

    # Every segment is in the search index, in its own language, public.
    ids = TranscriptSegment.objects.filter(transcript__recording=recording).values_list("pk")
    documents = IndexedDocument.objects.filter(
        kind="transcript", public=True, object_id__in=[str(pk) for (pk,) in ids]
    )
    assert sorted(documents.values_list("language", flat=True)) == ["en"] * 4 + ["fr"] * 4


def test_running_it_again_replaces_what_it_is_given_and_keeps_the_rest(session_fr):
    session = session_fr(3)
    run(session.pk, "--transcript", f"fr={FILES / 'edge-cases.vtt'}", "--publish")
    run(session.pk, "--transcript", f"en={FILES / 'edge-cases.srt'}", "--publish")
    run(session.pk, "--transcript", f"fr={FILES / 'edge-cases.vtt'}", "--duration", "1:58:30")
    recording = RecordingPage.objects.child_of(session).get()
    assert sorted(recording.transcripts.values_list("language", flat=True)) == ["en", "fr"]
    assert TranscriptSegment.objects.filter(transcript__recording=recording).count() == 8
    # The old segments left the index with their rows.
    ids = TranscriptSegment.objects.filter(transcript__recording=recording).values_list("pk")
    indexed = IndexedDocument.objects.filter(kind="transcript").exclude(
        object_id__in=[str(pk) for pk in TranscriptSegment.objects.values_list("pk", flat=True)]
    )
    assert not indexed.exists() and len(ids) == 8


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--transcript", f"en={FILES / 'bad-timing.srt'}"],
            "bad-timing.srt, line 6: “00:00:02.5 --> 00:00:03,000” is not a cue timing",
        ),
        (
            ["--transcript", f"en={FILES / 'missing-blank-line.vtt'}"],
            "missing-blank-line.vtt, line 5: a cue timing inside a cue's text",
        ),
        (["--chapters", FILES / "bad-chapters.txt"], "bad-chapters.txt, line 2:"),
        (
            ["--video", "en=https://example.com/video"],
            "Give the address of a YouTube or Vimeo video",
        ),
        (["--video", f"fr={FILES / 'chapters.txt'}"], "a video file must be WebM or MP4"),
        (["--transcript", FILES / "edge-cases.vtt"], "say which language the transcript is in"),
        (["--transcript", "en=/nonexistent/file.vtt"], "/nonexistent/file.vtt: cannot be read"),
        (["--duration", "1:75:00"], "give hours, minutes and seconds"),
    ],
)
def test_any_mistake_imports_nothing(session_fr, args, message):
    session = session_fr(4)
    before = counts()
    good = [
        "--video", VIDEO,
        "--transcript", f"fr={FILES / 'edge-cases.vtt'}",
        "--chapters", FILES / "chapters.txt",
    ]  # fmt: skip
    with pytest.raises(CommandError) as caught:
        run(session.pk, *good, *args, "--publish")
    assert "Nothing imported: 1 problem(s) found." in str(caught.value)
    assert message in str(caught.value)
    assert counts() == before


def test_every_problem_is_reported_at_once_and_an_existing_transcript_is_kept(session_fr):
    session = session_fr(4)
    run(session.pk, "--transcript", f"fr={FILES / 'edge-cases.vtt'}", "--publish")
    before = counts()
    with pytest.raises(CommandError) as caught:
        run(
            session.pk,
            "--transcript", f"fr={FILES / 'edge-cases.vtt'}",
            "--transcript", f"en={FILES / 'ends-before-start.vtt'}",
            "--chapters", FILES / "bad-chapters.txt",
        )  # fmt: skip
    assert "2 problem(s)" in str(caught.value)
    assert "ends-before-start.vtt, line 3" in str(caught.value)
    assert counts() == before


def test_a_failure_while_writing_rolls_everything_back(session_fr, monkeypatch):
    from sessions import recording_import

    session = session_fr(4)
    before = counts()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(recording_import, "_translate", broken)
    files = stored_files()
    with pytest.raises(RuntimeError):
        run(
            session.pk,
            "--video", VIDEO,
            "--transcript", f"fr={FILES / 'edge-cases.vtt'}",
            "--publish",
        )  # fmt: skip
    assert counts() == before  # pages, transcripts, segments and documents
    assert stored_files() == files  # the video copied to the media storage is gone too


def stored_files():
    """Every file under the media storage's documents folder."""
    root = Path(settings.MEDIA_ROOT) / "documents"
    return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())


def test_the_session_can_be_named_by_its_address_or_number(session_fr):
    session = session_fr(2)
    run(session.url, "--transcript", f"fr={FILES / 'edge-cases.vtt'}")
    recording = RecordingPage.objects.child_of(session).get()
    assert not recording.live  # a draft without --publish
    run("#2", "--transcript", f"en={FILES / 'edge-cases.srt'}")
    assert recording.transcripts.count() == 2
    with pytest.raises(CommandError, match="No session “#99”"):
        run("#99", "--transcript", f"en={FILES / 'edge-cases.srt'}")


def test_a_progress_bar_on_request(session_fr):
    _out, err = run(
        session_fr(2).pk, "--transcript", f"fr={FILES / 'edge-cases.vtt'}", "--progress"
    )
    assert "edge-cases.vtt (fr)" in err and "4/4" in err
    _out, err = run(session_fr(2).pk, "--transcript", f"fr={FILES / 'edge-cases.vtt'}")
    assert err == ""  # not a terminal, not asked for
