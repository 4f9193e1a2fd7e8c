"""Importing a recording: read and check every file first, then write all of it in one
transaction, or nothing.

Used by ``manage.py import_recording``. ``read_plan`` turns the command's arguments into
an ``ImportPlan`` (parsed transcripts and chapters, checked video sources) and raises
``ImportProblem`` listing every mistake, each naming its file and line; ``apply`` writes
the plan. Nothing is written before everything has been read.
"""

import os
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Locale
from wagtail.search.backends import get_search_backends

from cms import languages
from cms.pagecache import invalidate
from cms.translation import translate

from .captions import CaptionError, parse_captions, parse_chapters
from .models import (
    ORIGINAL,
    RecordingChapter,
    RecordingPage,
    RecordingVideo,
    SessionPage,
    Transcript,
    TranscriptSegment,
    version_choices,
)
from .video import parse_hosted_url

VIDEO_EXTENSIONS = (".webm", ".mp4")
MAX_FILE_BYTES = 50 * 1024 * 1024  # a transcript or chapters file, not the video
CHUNK = 500


class ImportProblem(ValueError):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class ImportPlan:
    session: SessionPage
    videos: list = field(default_factory=list)  # [(language, HostedVideo or Path)]
    transcripts: dict = field(default_factory=dict)  # language -> (file name, [Cue])
    chapters: dict = field(default_factory=dict)  # language -> (file name, [(ms, title)])
    duration: timedelta | None = None
    titles: dict = field(default_factory=dict)  # language -> title


def _split(value, default):
    """'fr=path' -> ('fr', 'path'); a value without a language gets ``default``."""
    head, sep, tail = value.partition("=")
    if sep and head in {code for code, _label in version_choices()} and "/" not in head:
        return head, tail
    return default, value


def parse_duration(text):
    """'1:58:30', '58:30' or '7110' (seconds) -> milliseconds, or None."""
    parts = text.strip().split(":")
    if not 1 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
        return None
    numbers = [int(part) for part in parts]
    if any(number > 59 for number in numbers[1:]):
        return None
    seconds = 0
    for number in numbers:
        seconds = seconds * 60 + number
    return seconds * 1000


def find_session(reference):
    """A session by page id, URL path (/fr/…/), or number in its series (only if unique)."""
    reference = str(reference).strip()
    sessions = SessionPage.objects.all()
    if reference.startswith("/"):
        path = reference.rstrip("/") + "/"
        for page in sessions:
            if page.url == path:
                return page
        found = None
    elif reference.lstrip("#").isdigit() and reference.startswith("#"):
        matches = list(
            sessions.filter(number=int(reference[1:]), locale__language_code=languages.source())
        )
        if len(matches) > 1:
            raise ImportProblem(
                [_("Several series have a session %(ref)s: give its page id.") % {"ref": reference}]
            )
        found = matches[0] if matches else None
    elif reference.isdigit() and int(reference) < 2**31:
        found = sessions.filter(pk=int(reference)).first()
    else:
        found = None
    if found is None:
        raise ImportProblem(
            [
                _(
                    "No session “%(ref)s”: give its page id, its address (/fr/…/) or its "
                    "number (#1)."
                )
                % {"ref": reference[:100]}
            ]
        )
    return found


def _read(path, problems):
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(_("%(file)s: the file is larger than 50 MB.") % {"file": path})
            return None
        return path.read_bytes()
    except OSError as error:
        problems.append(
            _("%(file)s: cannot be read (%(error)s).") % {"file": path, "error": error.strerror}
        )
        return None


def read_plan(session, *, videos=(), transcripts=(), chapters=(), duration=None, titles=None):
    """Check everything; ``ImportProblem`` with every mistake, or the plan."""
    plan = ImportPlan(session=session, titles=dict(titles or {}))
    problems = []
    _read_videos(plan, videos, problems)
    _read_transcripts(plan, transcripts, problems)
    _read_chapters(plan, chapters, problems)
    _read_duration(plan, duration, problems)
    if problems:
        raise ImportProblem(problems)
    return plan


def _read_videos(plan, videos, problems):
    """Each version's hosted address or video file, once per language."""
    seen = set()
    for value in videos:
        language, source = _split(value, ORIGINAL)
        if language in seen:
            problems.append(_("Two videos for the version “%(lang)s”.") % {"lang": language})
        seen.add(language)
        if source.startswith(("http://", "https://")) or "youtu" in source or "vimeo" in source:
            try:
                plan.videos.append((language, parse_hosted_url(source)))
            except ValidationError as error:
                problems.append(f"{source}: {' '.join(error.messages)}")
            continue
        path = Path(source)
        if path.suffix.lower() not in VIDEO_EXTENSIONS:
            problems.append(
                _("%(file)s: a video file must be WebM or MP4 (.webm, .mp4).") % {"file": source}
            )
        elif not path.is_file() or not os.access(path, os.R_OK):
            problems.append(_("%(file)s: no such file.") % {"file": source})
        else:
            plan.videos.append((language, path))


def _read_transcripts(plan, transcripts, problems):
    """One transcript per content language, each with at least one cue."""
    for value in transcripts:
        language, source = _split(value, "")
        if language not in dict(settings.LANGUAGES):
            problems.append(
                _("%(value)s: say which language the transcript is in, e.g. fr=%(file)s.")
                % {"value": value, "file": source}
            )
            continue
        if language in plan.transcripts:
            problems.append(_("Two transcripts in “%(lang)s”.") % {"lang": language})
            continue
        content = _read(source, problems)
        if content is None:
            continue
        try:
            cues = parse_captions(content, source)
        except CaptionError as error:
            problems.append(str(error))
            continue
        if not cues:
            problems.append(_("%(file)s: no cue with text.") % {"file": source})
            continue
        plan.transcripts[language] = (Path(source).name, cues)


def _read_chapters(plan, chapters, problems):
    """Chapters per language: the session's language first, the same start times in all."""
    source_language = plan.session.locale.language_code
    for value in chapters:
        language, source = _split(value, source_language)
        if language not in dict(settings.LANGUAGES):
            problems.append(_("%(value)s: unknown language.") % {"value": value})
            continue
        content = _read(source, problems)
        if content is None:
            continue
        try:
            plan.chapters[language] = (source, parse_chapters(content, source))
        except CaptionError as error:
            problems.append(str(error))
    if plan.chapters and source_language not in plan.chapters:
        problems.append(
            _("Chapters in %(lang)s (the session's language) are needed first.")
            % {"lang": source_language}
        )
    elif plan.chapters:
        starts = [start for start, _title in plan.chapters[source_language][1]]
        for name, items in plan.chapters.values():
            if [start for start, _title in items] != starts:
                problems.append(
                    _("%(file)s: the chapters must start at the same times in every language.")
                    % {"file": name}
                )


def _read_duration(plan, duration, problems):
    """The duration given, else the end of the last cue of the transcripts read."""
    if duration:
        ms = parse_duration(duration)
        if ms is None:
            problems.append(
                _("--duration %(value)s: give hours, minutes and seconds, e.g. 1:58:30.")
                % {"value": duration}
            )
        else:
            plan.duration = timedelta(milliseconds=ms)
    elif plan.transcripts:
        # Without a duration, the end of the last cue is the best estimate there is.
        end = max(cue.end for _name, cues in plan.transcripts.values() for cue in cues)
        plan.duration = timedelta(seconds=round(end / 1000))


def default_title(session, language):
    translated = session.get_translation_or_none(Locale.objects.get(language_code=language))
    session = translated or session
    with translation.override(language):
        return _("Recording: %(session)s") % {"session": session.label}


def _slug(language):
    with translation.override(language):
        return slugify(_("recording"))


def apply(plan, *, publish=False, progress=None):
    """Write the plan: the recording page under its session, versions, chapters, transcripts.

    All of it or nothing: a failure rolls the database back, and the video files already
    copied to the media storage, which no rollback reaches, are deleted. (Called inside an
    outer transaction that later rolls back, the files stay: the command never does that.)
    """
    written = []
    try:
        with transaction.atomic():
            return _apply(plan, publish, progress, written)
    except BaseException:
        for file in written:
            file.storage.delete(file.name)
        raise


def _apply(plan, publish, progress, written):
    session = plan.session
    language = session.locale.language_code
    recording = RecordingPage.objects.child_of(session).order_by("path").first()
    title = plan.titles.get(language) or default_title(session, language)
    if recording is None:
        recording = RecordingPage(
            title=title, slug=_slug(language), locale=session.locale, live=False
        )
        session.add_child(instance=recording)
        recording = RecordingPage.objects.get(pk=recording.pk)
    elif language in plan.titles:
        recording.title = title

    if plan.duration is not None:
        recording.duration = plan.duration
    if plan.videos:
        recording.videos.clear()
        for order, (version, source) in enumerate(plan.videos):
            video = RecordingVideo(language=version, sort_order=order)
            if isinstance(source, Path):
                video.file = _document(source, session, version, written)
            else:
                video.url = (
                    f"https://www.youtube.com/watch?v={source.video_id}"
                    if source.provider == "youtube"
                    else f"https://vimeo.com/{source.video_id}"
                )
            recording.videos.add(video)
    if plan.chapters:
        recording.chapters.clear()
        for order, (start, chapter_title) in enumerate(plan.chapters[language][1]):
            recording.chapters.add(
                RecordingChapter(
                    start=timedelta(milliseconds=start),
                    title=chapter_title,
                    sort_order=order,
                    locale=recording.locale,
                )
            )
    revision = recording.save_revision()
    if publish:
        revision.publish()
    recording = RecordingPage.objects.get(pk=recording.pk)

    for transcript_language, (name, cues) in plan.transcripts.items():
        write_transcript(recording, transcript_language, name, cues, progress)

    if publish:
        _translate(recording, plan, language)
    return recording


def _document(path, session, version, written):
    Document = get_document_model()
    with path.open("rb") as handle:
        document = Document(title=f"{session.label} — {version} ({path.name})")
        document.file.save(path.name, File(handle), save=False)
        written.append(document.file)
        document.save()
    return document


def write_transcript(recording, language, name, cues, progress):
    transcript, _created = Transcript.objects.update_or_create(
        recording=recording, language=language, defaults={"source_name": name[:255]}
    )
    # One delete; the search backends forget each removed segment through their signals.
    transcript.segments.all().delete()
    total = len(cues)
    segments = []
    for start in range(0, total, CHUNK):
        batch = [
            TranscriptSegment(
                transcript=transcript,
                position=position,
                start_ms=cue.start,
                end_ms=cue.end,
                text=cue.text,
                speaker=cue.speaker,
            )
            for position, cue in enumerate(cues[start : start + CHUNK], start)
        ]
        segments.extend(TranscriptSegment.objects.bulk_create(batch))
        if progress:
            progress(f"{name} ({language})", min(start + CHUNK, total), total)
    # bulk_create sends no signal: forget the cached pages, and index the new segments in
    # one go per backend.
    invalidate()
    for backend in get_search_backends(with_auto_update=True):
        for start in range(0, len(segments), CHUNK):
            backend.add_bulk(TranscriptSegment, segments[start : start + CHUNK])
    return transcript


def _translate(recording, plan, language):
    """Create or re-sync the translation of the recording into each other site language."""
    for locale in Locale.objects.exclude(pk=recording.locale_id):
        if plan.session.get_translation_or_none(locale) is None:
            continue
        code = locale.language_code
        strings = {
            recording.title: plan.titles.get(code) or default_title(plan.session, code),
            recording.slug: _slug(code),
        }
        if code in plan.chapters:
            source_chapters = plan.chapters[language][1]
            for (_start, fr_title), (_start2, title) in zip(
                source_chapters, plan.chapters[code][1], strict=True
            ):
                strings[fr_title] = title
        translate(recording, locale, strings, strict=False)
