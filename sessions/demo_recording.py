"""The demo's example recording, on an example past session, and the recordings archive.

Everything here says it is an example: the session is outside the programme, and the
transcript is text that no one said, by two fictional speakers named only in it (no
Person rows: the people list holds real people). The media
(a few seconds of generated video, its poster, one page of slides) are committed in
``sessions/demo_media``, made by ``scripts/make_example_video.py``. The real sessions
of the seed get no recording: none has been published.
"""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files import File
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms import languages

from .captions import parse_webvtt
from .demo import example_series
from .models import (
    DialoguesPage,
    RecordingChapter,
    RecordingDocument,
    RecordingPage,
    RecordingsIndexPage,
    RecordingVideo,
    SessionPage,
    Transcript,
)
from .recording_import import write_transcript

MEDIA = Path(__file__).resolve().parent / "demo_media"
# A fixed day in the past: the example has always already taken place.
RECORDED_AT = datetime(2025, 11, 20, 15, tzinfo=ZoneInfo("Europe/Paris"))


def load_demo(loader):
    fr = loader.fr
    dialogues = DialoguesPage.objects.get(locale=fr, slug="dialogues")
    # The example series, so that the Levers series lists only the real programme.
    series = example_series(loader, dialogues)

    session = loader.child_page(
        series,
        SessionPage,
        loader.t("session-d-exemple-enregistree", "example-recorded-session"),
        title=loader.t(*SESSION_TITLE),
        intro=loader.paragraphs(*SESSION_TEXT),
        starts_at=RECORDED_AT,
        ends_at=RECORDED_AT + timedelta(hours=2),
    )
    loader.t(*SESSION_TITLE)
    loader.paragraphs(*SESSION_TEXT)
    loader.translate(session)

    poster = _image("Exemple – affiche de l'enregistrement", "example-poster.jpg")
    video = _document("Exemple – enregistrement (WebM)", "example-recording.webm")
    slides = _document("Exemple – diapositives (PDF)", "example-slides.pdf")

    recording = loader.child_page(
        session,
        RecordingPage,
        loader.t("enregistrement", "recording"),
        title=loader.t(*RECORDING_TITLE),
        intro=loader.paragraphs(*RECORDING_TEXT),
        takeaways=_list(loader, TAKEAWAYS),
        recorded_at=RECORDED_AT,
        duration=timedelta(seconds=12),
        poster=poster,
        videos=[RecordingVideo(language="original", file=video, sort_order=0)],
        chapters=[
            RecordingChapter(start=timedelta(seconds=start), title=loader.t(*title), sort_order=i)
            for i, (start, title) in enumerate(CHAPTERS)
        ],
        documents=[RecordingDocument(document=slides, label=loader.t(*SLIDES), sort_order=0)],
    )
    loader.t(*RECORDING_TITLE)
    loader.paragraphs(*RECORDING_TEXT)
    _list(loader, TAKEAWAYS)
    for _start, title in CHAPTERS:
        loader.t(*title)
    loader.t(*SLIDES)
    for language in ("fr", "en"):
        if not languages.known(language):
            continue  # a transcript in a language the site does not have
        if not Transcript.objects.filter(recording=recording, language=language).exists():
            name = f"example-{language}.vtt"
            cues = parse_webvtt((MEDIA / name).read_bytes(), name)
            write_transcript(recording, language, name, cues, progress=None)
    loader.translate(recording)

    archive = loader.child_page(
        dialogues,
        RecordingsIndexPage,
        loader.t("enregistrements", "recordings"),
        title=loader.t("Enregistrements", "Recordings"),
        intro=loader.paragraphs(ARCHIVE_TEXT),
    )
    loader.t("Enregistrements", "Recordings")
    loader.paragraphs(ARCHIVE_TEXT)
    loader.translate(archive)
    loader.add_to_menu(archive, sort_order=6)


def _list(loader, pairs):
    items = "".join(f"<li>{loader.t(fr, en)}</li>" for fr, en in pairs)
    return f"<ul>{items}</ul>"


def _root_collection():
    # Wagtail's migrations create it, but a flushed test database has none.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _image(title, name):
    _root_collection()
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        with (MEDIA / name).open("rb") as handle:
            image = Image(title=title)
            image.file.save(name, File(handle), save=False)
            image.save()
    return image


def _document(title, name):
    _root_collection()
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        with (MEDIA / name).open("rb") as handle:
            document = Document(title=title)
            document.file.save(name, File(handle), save=False)
            document.save()
    return document


SESSION_TITLE = (
    "Session d'exemple — enregistrement et transcription",
    "Example session — recording and transcript",
)
SESSION_TEXT = [
    (
        "Cette session est un exemple : elle n'appartient pas au programme des Dialogues. "
        "Son enregistrement de quelques secondes, ses intervenant·es fictif·ves et sa "
        "transcription servent à montrer les enregistrements sur le site de démonstration.",
        "This session is an example: it is not part of the Dialogues programme. Its "
        "few-second recording, its fictional speakers and its transcript show how "
        "recordings work on the demonstration site.",
    ),
]
RECORDING_TITLE = ("Enregistrement d'exemple", "Example recording")
RECORDING_TEXT = [
    (
        "Un enregistrement d'exemple, généré pour le site de démonstration : une image, un son "
        "et une transcription que personne n'a prononcée.",
        "An example recording, generated for the demonstration site: a picture, a tone and a "
        "transcript that nobody said.",
    ),
]
TAKEAWAYS = [
    (
        "Exemple : chaque horaire de la transcription lance la vidéo à ce moment.",
        "Example: each time in the transcript plays the video from that moment.",
    ),
    (
        "Exemple : les sous-titres du lecteur viennent de la transcription.",
        "Example: the player's captions come from the transcript.",
    ),
]
CHAPTERS = [
    (0, ("Accueil (exemple)", "Welcome (example)")),
    (6, ("Comment utiliser la transcription (exemple)", "How to use the transcript (example)")),
]
SLIDES = ("Diapositives d'exemple", "Example slides")
ARCHIVE_TEXT = (
    "Les enregistrements des sessions, avec leurs transcriptions en français et en anglais.",
    "The recordings of the sessions, with their transcripts in French and English.",
)
