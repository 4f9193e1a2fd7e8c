from pathlib import Path

import pytest

from sessions.models import RecordingPage
from tests.helpers import soup, text  # noqa: F401 (this package's tests import them from here)
from tests.sessions.conftest import (  # noqa: F401 (the sessions' fixtures, shared)
    editor,
    series_en,
    series_fr,
    session_en,
    session_fr,
)

FILES = Path(__file__).parent / "files"


@pytest.fixture
def recording_fr(fr):
    """The demo's example recording, in French (its source language)."""
    return RecordingPage.objects.get(locale=fr, slug="enregistrement")


@pytest.fixture
def recording_en(en, recording_fr):
    return recording_fr.get_translation(en)


@pytest.fixture
def make_recording():
    """Publish a recording under ``session`` with these versions and transcripts."""

    def make(session, videos=(), transcripts=None, **fields):
        from datetime import timedelta

        from sessions.captions import Cue
        from sessions.models import RecordingVideo
        from sessions.recording_import import write_transcript

        fields.setdefault("title", "Enregistrement de test")
        fields.setdefault("slug", f"enregistrement-{RecordingPage.objects.count()}")
        fields.setdefault("duration", timedelta(minutes=90))
        page = RecordingPage(
            videos=[
                RecordingVideo(language=language, url=url, sort_order=order)
                for order, (language, url) in enumerate(videos)
            ],
            **fields,
        )
        session.add_child(instance=page)
        page.save_revision().publish()
        page = RecordingPage.objects.get(pk=page.pk)
        for language, cues in (transcripts or {}).items():
            cues = [
                cue if isinstance(cue, Cue) else Cue(cue[0] * 1000, cue[0] * 1000 + 3000, *cue[1:])
                for cue in cues
            ]
            write_transcript(page, language, f"{language}.vtt", cues, None)
        return page

    return make
