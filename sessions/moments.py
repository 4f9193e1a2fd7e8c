"""Citable spoken moments: a permanent address for each transcript segment.

A moment's id is made of what the segment *is*, its start and its words
(``6000-3fa2c1d0``: start in milliseconds, then a hash of the text), never of its
database row. Importing a transcript again replaces every row, and a permalink still
finds its segment when the time and the text are unchanged; when they changed, it lands
on the segment nearest in time.
"""

import dataclasses
import hashlib
import re
from dataclasses import dataclass

from django.utils.translation import gettext

from cms.citation import Author

from . import timefmt
from .captions import format_clock
from .models.transcripts import TranscriptSegment

MOMENT_ID = re.compile(r"^(\d{1,9})-([0-9a-f]{8})$")
QUOTE_CHARS = 240


def text_hash(text):
    return hashlib.sha1(" ".join(text.split()).encode(), usedforsecurity=False).hexdigest()[:8]


def moment_id(segment):
    return f"{segment.start_ms}-{text_hash(segment.text)}"


def parse(value):
    """(start in ms, text hash) of a moment id, or None for anything else."""
    match = MOMENT_ID.match(value or "")
    return (int(match[1]), match[2]) if match else None


def exact_segment(transcripts, wanted):
    """The segment of one of these transcripts with this id, or None (one query)."""
    start_ms, digest = wanted
    candidates = TranscriptSegment.objects.filter(
        transcript__in=[transcript.pk for transcript in transcripts], start_ms=start_ms
    ).order_by("position")
    return next((s for s in candidates if text_hash(s.text) == digest), None)


def nearest(segments, start_ms):
    """The segment starting nearest to ``start_ms`` (the earlier one on a tie)."""
    return min(segments, key=lambda s: (abs(s.start_ms - start_ms), s.start_ms), default=None)


def quote(text, limit=QUOTE_CHARS):
    """The segment's words, cut at a word boundary to a length that can be shared."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass
class Moment:
    """The moment a permalink asked for, as the page shows and cites it."""

    segment: TranscriptSegment
    speaker: str
    url: str  # the permalink, absolute
    exact: bool

    @property
    def id(self):
        return moment_id(self.segment)

    @property
    def seconds(self):
        return self.segment.seconds

    @property
    def clock(self):
        return format_clock(self.seconds)

    @property
    def quote(self):
        return quote(self.segment.text)


def moment_citation(page, request, moment):
    """The recording's citation (cms.citation), narrowed to the moment: the speaker as
    the transcript names them (else the recording's authors), the session, the date and
    the time, and the permalink as its address."""
    from .citations import recording_citation

    citation = recording_citation(page, request)
    date = ""
    if page.recorded_at:
        date = timefmt.format_day(page.recorded_at)
    note = gettext("%(date)s, at %(clock)s") % {"date": date, "clock": moment.clock}
    return dataclasses.replace(
        citation,
        kind="moment",
        key=f"{citation.key}-{moment.id}",
        authors=[Author(moment.speaker)] if moment.speaker else citation.authors,
        url=moment.url,
        # The permalink is what identifies a moment: the DOI (of the open data) would
        # replace it in the formatted reference.
        doi="",
        note=note.lstrip(", "),
    )
