"""Spans of a recording that other apps annotate (a case study discussed from 42:10 to
45:00), shown beside the transcript.

Sessions never import the apps that depend on them: an app registers a function on the
``fairville_recording_spans`` hook, ``(request, recording) -> [Span, ...]``, and the
recording page shows each span next to the paragraph where it starts.
"""

from dataclasses import dataclass

from wagtail import hooks

from .captions import format_clock

RECORDING_SPANS_HOOK = "fairville_recording_spans"


@dataclass
class Span:
    start: int  # seconds
    end: int
    kind: str  # what it is, in the reader's language ("Case study")
    title: str
    url: str
    note: str = ""
    note_language: str = ""  # the note's, when it is not translated into the page's

    @property
    def clock(self):
        return format_clock(self.start)

    @property
    def end_clock(self):
        return format_clock(self.end)


def recording_spans(request, recording):
    spans = []
    for fn in hooks.get_hooks(RECORDING_SPANS_HOOK):
        spans.extend(fn(request, recording) or [])
    return sorted(spans, key=lambda span: (span.start, span.end, span.title))


def place_spans(paragraphs, spans):
    """Give each paragraph the spans starting in it (a span starting before the first
    paragraph goes to the first; paragraphs are in time order)."""
    for paragraph in paragraphs:
        paragraph.spans = []
    if not paragraphs:
        return
    for span in spans:
        holder = paragraphs[0]
        for paragraph in paragraphs:
            if paragraph.seconds <= span.start:
                holder = paragraph
        holder.spans.append(span)
