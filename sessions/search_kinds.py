"""Sessions, recordings and transcript segments on the public search page.

Registered from ``SessionsConfig.ready()`` through ``search.registry``.
"""

from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from cms.models import Lever
from search.documents import RestrictedPaths, is_public_page
from search.registry import SITE, Kind, register, register_page_dependents, register_shown

from .models import Organisation, Person, RecordingPage, SessionPage, TranscriptSegment


def lever_names(language, shared):
    """{code: name} of the levers in ``language``, read once per batch of documents."""
    key = ("levers", language)
    if key not in shared:
        shared[key] = dict(
            Lever.objects.filter(locale__language_code=language).values_list("code", "name")
        )
    return shared[key]


def _person_line(person, language):
    # As the page shows it: "Name (Organisation, City, Country)", the country named in
    # the page's language.
    with translation.override(language or None):
        affiliation = person.affiliation
    return f"{person.name} ({affiliation})" if affiliation else person.name


def _session_text(page, language, shared):
    """Contributors and moderators with their organisations and places; lever names."""
    for contributor in page.contributors.all():
        yield "body", _person_line(contributor.person, language)
    names = lever_names(language, shared)
    for link in page.lever_links.all():
        yield "labels", names.get(link.lever.code, link.lever.name)


def _recording_text(page, language, shared):
    for speaker in page.speakers.all():
        yield "body", _person_line(speaker.person, language)
    for item in page.documents.all():
        yield "body", str(item)  # as listed under "Slides and documents"


def _pages_showing_person(person):
    yield SessionPage.objects.filter(contributors__person=person)
    yield RecordingPage.objects.filter(speakers__person=person)


def _pages_showing_organisation(organisation):
    yield SessionPage.objects.filter(contributors__person__organisation=organisation)
    yield RecordingPage.objects.filter(speakers__person__organisation=organisation)


def _pages_showing_document(document):
    # A recording lists a document by its own label, else by the document's title.
    yield RecordingPage.objects.filter(documents__document=document, documents__label="")


def _pages_showing_lever(lever):
    # Every language's pages on the lever: each shows its name in its own language.
    yield SessionPage.objects.filter(lever_links__lever__code=lever.code)


def _session_date(page):
    moment = page.starts_at or page.provisional_month
    return moment.date() if hasattr(moment, "date") else moment


def _session_facets(page):
    for link in page.lever_links.all():
        yield from (("lever", code) for code in link.lever.codes)
    date = _session_date(page)
    if date:
        yield ("year", date.year)


def _recording_date(page):
    return page.recorded_at.date() if page.recorded_at else None


# What a moment's link and title read of its recording page and session (a page's URL
# needs its url_path; its session is found by its path).
_PAGE_FIELDS = ("path", "url_path", "locale_id", "translation_key", "live", "title")
_SEGMENT_FIELDS = (
    "start_ms",
    "transcript__language",
    *(f"transcript__recording__{name}" for name in _PAGE_FIELDS),
)


def _segment_recording_public(segment, shared):
    """A segment is public while its recording is: read once per recording in a batch,
    with the batch's view restrictions read once."""
    recording = segment.transcript.recording
    key = ("recording-public", recording.pk)
    if key not in shared:
        if "recording-restricted-paths" not in shared:
            shared["recording-restricted-paths"] = RestrictedPaths()
        shared[key] = is_public_page(recording, shared["recording-restricted-paths"])
    return shared[key]


def _segment_key(segment):
    return ("recording", segment.transcript.recording.pk, segment.transcript.language)


def _prepare_segments(segments, request, lookups):
    """Look up, for every segment of a page of results at once, its recording page in the
    segment's language (or its source) and that page's session: three queries whatever
    the number of recordings, instead of three per recording."""
    wanted = {}
    for segment in segments:
        key = _segment_key(segment)
        if key not in lookups:
            wanted[key] = (segment.transcript.recording, segment.transcript.language)
    if not wanted:
        return
    translated = {
        (page.translation_key, page.search_language): page
        for page in RecordingPage.objects.live()
        .public()
        .filter(
            translation_key__in={source.translation_key for source, _ in wanted.values()},
            locale__language_code__in={language for _, language in wanted.values()},
        )
        .annotate(search_language=F("locale__language_code"))
        .only(*_PAGE_FIELDS)
    }
    pages = {
        key: translated.get((source.translation_key, language)) or (source if source.live else None)
        for key, (source, language) in wanted.items()
    }
    parents = {page.path[: -page.steplen] for page in pages.values() if page is not None}
    sessions = {
        session.path: session
        for session in SessionPage.objects.filter(path__in=parents).only("path", "number", "title")
    }
    for key, page in pages.items():
        session = sessions.get(page.path[: -page.steplen]) if page is not None else None
        lookups[key] = (page, session)


def _segment_page(segment, lookups):
    """(recording page in the segment's language, or its source; its session), looked up
    once for all the segments of a page of results (``_prepare_segments``)."""
    key = _segment_key(segment)
    if key not in lookups:
        _prepare_segments([segment], None, lookups)
    return lookups[key]


def segment_url(segment, request, lookups):
    """The recording page at the segment's moment, with its transcript in that language."""
    page, _session = _segment_page(segment, lookups)
    if page is None:
        return None
    url = page.relative_url(lookups[SITE], request)
    seconds = segment.seconds
    return f"{url}?transcript={segment.transcript.language}&t={seconds}#t-{seconds}"


def _segment_title(segment, request, lookups):
    page, session = _segment_page(segment, lookups)
    label = session.label if session else (page.title if page else "")
    return _("Minute %(clock)s of session %(session)s") % {
        "clock": segment.clock,
        "session": label,
    }


def transcript_segments_of(pages):
    """The segments whose public flag follows these pages (see ``search.signals``)."""
    recordings = [page.pk for page in pages if isinstance(page, RecordingPage)]
    if not recordings:
        return TranscriptSegment.objects.none()
    return TranscriptSegment.objects.filter(transcript__recording__in=recordings)


def register_search_kinds():
    register(
        SessionPage,
        Kind(
            "session",
            _("Sessions"),
            facets=_session_facets,
            date=_session_date,
            text=_session_text,
            prefetch=("lever_links__lever__parent", "contributors__person__organisation"),
            order=10,
        ),
    )
    register(
        RecordingPage,
        Kind(
            "recording",
            _("Recordings"),
            facets=lambda page: [("year", page.recorded_at.year)] if page.recorded_at else [],
            date=_recording_date,
            text=_recording_text,
            prefetch=("speakers__person__organisation", "documents__document"),
            order=15,
        ),
    )
    register(
        TranscriptSegment,
        Kind(
            "transcript",
            _("Transcripts"),
            facets=lambda segment: (
                [("year", segment.transcript.recording.recorded_at.year)]
                if segment.transcript.recording.recorded_at
                else []
            ),
            date=lambda segment: _recording_date(segment.transcript.recording),
            public=_segment_recording_public,
            url=segment_url,
            title=_segment_title,
            prepare=_prepare_segments,
            language=lambda segment: segment.transcript.language,
            prefetch=("transcript__recording",),
            fields=_SEGMENT_FIELDS,
            order=16,
        ),
    )
    # A recording's segments are re-indexed when it is published, unpublished or restricted.
    register_page_dependents(transcript_segments_of)
    register_shown(Person, _pages_showing_person)
    register_shown(Organisation, _pages_showing_organisation)
    register_shown(Lever, _pages_showing_lever)
    register_shown(get_document_model(), _pages_showing_document)
