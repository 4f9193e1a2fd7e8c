"""The kinds of result on the public search page, and the facets each one carries.

This is the one place that knows the content models; the index, the backends and the view
only know kinds and facets. Any page not registered here is a plain "page" result.
"""

import datetime

from django.utils.translation import gettext_lazy as _

from cms.models import Lever
from practices import vocabulary
from practices.models import CaseStudyPage, CaseStudyTag, Lab, LibraryPage
from sessions.models import RecordingPage, SessionPage, TranscriptSegment

from .documents import (  # noqa: F401
    KINDS,
    PAGE_KIND,
    Kind,
    RestrictedPaths,
    is_public_page,
    register,
)
from .models import FacetValue

# Facets of the search page, in display order, with their labels.
FACETS = {
    "type": _("Type"),
    "lab": _("Lab"),
    "tag": _("Tag"),
    "lever": _("Lever"),
    "year": _("Year"),
}


def _type_labels(codes, language):
    kinds = {**KINDS, PAGE_KIND.code: PAGE_KIND}
    return {code: str(kinds[code].label) for code in codes if code in kinds}


LABELS = {
    "type": _type_labels,
    "lab": vocabulary.lab_labels,
    "tag": vocabulary.tag_labels,
    "lever": vocabulary.lever_labels,
}


def facet_labels(name, values, language, stored=None):
    """Labels of a facet's values in the reader's language; a value is its own default.

    ``stored`` maps values to the labels kept with the index (``FacetValue.labels``): a
    facet read from the database is looked up only for the values missing there, and
    what is found is kept for the next results page.
    """
    labeller = LABELS.get(name)
    if labeller is None:
        return {}
    if name not in STORED_LABELS:
        return labeller(values, language)
    stored = stored or {}
    labels = {
        value: stored[value][language] for value in values if language in stored.get(value, {})
    }
    missing = [value for value in values if value not in labels]
    if missing:
        found = labeller(missing, language)
        labels.update({value: found.get(value, value) for value in missing})
        _keep_labels(name, language, {value: labels[value] for value in missing})
    return labels


def _keep_labels(name, language, labels):
    rows = list(FacetValue.objects.filter(facet=name, value__in=list(labels)))
    for row in rows:
        row.labels = {**row.labels, language: labels[row.value]}
    FacetValue.objects.bulk_update(rows, ["labels"])


def forget_labels(name):
    """Drop a facet's kept labels (its source changed); the next results page reads them."""

    def receiver(sender, **kwargs):
        FacetValue.objects.filter(facet=name).exclude(labels={}).update(labels={})

    return receiver


def facet_order(name, item):
    value, count = item
    if name == "year":
        return (-int(value) if value.isdigit() else 0, value)
    if name == "type":
        kinds = {**KINDS, PAGE_KIND.code: PAGE_KIND}
        return (kinds[value].order if value in kinds else 999, value)
    return (-count, value)


# -- sessions ------------------------------------------------------------------------------


def _lever_codes(links):
    for link in links:
        yield from link.lever.codes


def _session_date(page):
    moment = page.starts_at or page.provisional_month
    return moment.date() if hasattr(moment, "date") else moment


def _session_facets(page):
    yield from (("lever", code) for code in _lever_codes(page.lever_links.all()))
    date = _session_date(page)
    if date:
        yield ("year", date.year)


register(
    SessionPage,
    Kind(
        "session",
        _("Sessions"),
        facets=_session_facets,
        date=_session_date,
        prefetch=("lever_links__lever__parent",),
        order=10,
    ),
)


# -- recordings and their transcripts ---------------------------------------------------------


def _recording_date(page):
    return page.recorded_at.date() if page.recorded_at else None


register(
    RecordingPage,
    Kind(
        "recording",
        _("Recordings"),
        facets=lambda page: [("year", page.recorded_at.year)] if page.recorded_at else [],
        date=_recording_date,
        order=15,
    ),
)


def _segment_recording_public(segment):
    # The segment is public while the recording it belongs to is; the flag is read once
    # per recording in a batch (segments of one transcript share the recording object).
    recording = segment.transcript.recording
    if not hasattr(recording, "_search_public"):
        recording._search_public = is_public_page(recording, RestrictedPaths())
    return recording._search_public


def _segment_page(segment, request):
    """(recording page in the segment's language, or its source; its session), per request."""
    cache = getattr(request, "_search_recordings", None)
    if cache is None:
        cache = request._search_recordings = {}
    source = segment.transcript.recording
    key = (source.pk, segment.transcript.language)
    if key not in cache:
        page = (
            RecordingPage.objects.live()
            .public()
            .filter(
                translation_key=source.translation_key,
                locale__language_code=segment.transcript.language,
            )
            .first()
        ) or (source if source.live else None)
        cache[key] = (page, page.session if page else None)
    return cache[key]


def segment_url(segment, request):
    """The recording page at the segment's moment, with its transcript in that language."""
    page, _session = _segment_page(segment, request)
    if page is None:
        return None
    url = page.get_url(request)
    seconds = segment.seconds
    return f"{url}?transcript={segment.transcript.language}&t={seconds}#t-{seconds}"


def _segment_title(segment, request):
    page, session = _segment_page(segment, request)
    label = session.label if session else (page.title if page else "")
    return _("Minute %(clock)s of session %(session)s") % {
        "clock": segment.clock,
        "session": label,
    }


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
        language=lambda segment: segment.transcript.language,
        prefetch=("transcript__recording",),
        order=16,
    ),
)


def transcript_segments_of(pages):
    """The segments whose public flag follows these pages (see ``search.signals``)."""
    recordings = [page.pk for page in pages if isinstance(page, RecordingPage)]
    if not recordings:
        return TranscriptSegment.objects.none()
    return TranscriptSegment.objects.filter(transcript__recording__in=recordings)


# Objects indexed with a flag that depends on a page: re-indexed when it changes.
PAGE_DEPENDENTS = [transcript_segments_of]


# -- the case-study library ------------------------------------------------------------------


def _case_study_facets(page):
    if page.lab_id:
        yield ("lab", page.lab.slug)
    # A translation carries its source's tag rows (see practices.models.tags), so the slug
    # names the same tag in both languages; the label is looked up in the reader's.
    for tag in page.tags.all():
        yield ("tag", tag.slug)
    yield from (("lever", code) for code in _lever_codes(page.lever_links.all()))
    if page.start_year:
        yield ("year", page.start_year)


def _case_study_date(page):
    if page.start_year:
        return datetime.date(page.start_year, 1, 1)
    return None


register(
    CaseStudyPage,
    Kind(
        "case_study",
        _("Case studies"),
        facets=_case_study_facets,
        date=_case_study_date,
        prefetch=("lab", "tags", "lever_links__lever__parent"),
        order=20,
    ),
)


def _lab_url(lab, request):
    # A lab's page is a route of the library in its language; one lookup per request.
    libraries = getattr(request, "_search_libraries", None)
    if libraries is None:
        libraries = request._search_libraries = {}
    if lab.locale_id not in libraries:
        libraries[lab.locale_id] = (
            LibraryPage.objects.live().filter(locale_id=lab.locale_id).order_by("path").first()
        )
    library = libraries[lab.locale_id]
    return library.lab_url(lab) if library else None


register(
    Lab,
    Kind(
        "lab",
        _("Labs"),
        facets=lambda lab: [("lab", lab.slug)],
        url=_lab_url,
        order=40,
    ),
)


# Facets labelled from the database, and the models their labels come from.
STORED_LABELS = {"lab": (Lab,), "tag": (CaseStudyTag,), "lever": (Lever,)}
