"""Transcripts: per language, timed segments (the cues of a WebVTT or SRT file).

Segments are what the captions of the self-hosted player show and what the site search
finds ("minute 42:10 of session #1"); the page groups them into readable paragraphs,
each with its timestamp. A transcript belongs to the recording page in its source
language and is shown by every translation of that page.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from cms import languages
from cms.models import LicensedMixin
from sessions.captions import format_clock

# A new paragraph starts when the speaker changes, after a pause, or at the end of a
# sentence once the paragraph is long enough to read as one.
PAUSE_MS = 4000
PARAGRAPH_MS = 45_000
SENTENCE_ENDS = (".", "?", "!", "…", "»", '"')


class Transcript(LicensedMixin, models.Model):
    recording = models.ForeignKey(
        "event_sessions.RecordingPage",
        verbose_name=_("recording"),
        on_delete=models.CASCADE,
        related_name="transcripts",
    )
    language = models.CharField(_("language"), max_length=10, choices=languages.choices)
    source_name = models.CharField(
        _("imported from"), max_length=255, blank=True, help_text=_("The file's name.")
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("transcript")
        verbose_name_plural = _("transcripts")
        constraints = [
            models.UniqueConstraint(
                fields=["recording", "language"], name="one_transcript_per_language"
            )
        ]

    def __str__(self):
        return f"{self.recording} ({self.language})"

    def paragraphs(self):
        return group_paragraphs(self.segments.order_by("start_ms", "position"))


class TranscriptSegment(index.Indexed, models.Model):
    transcript = models.ForeignKey(
        Transcript, verbose_name=_("transcript"), on_delete=models.CASCADE, related_name="segments"
    )
    position = models.PositiveIntegerField(_("position"))
    start_ms = models.PositiveIntegerField(_("start (ms)"))
    end_ms = models.PositiveIntegerField(_("end (ms)"))
    text = models.TextField(_("text"))
    speaker = models.CharField(_("speaker"), max_length=100, blank=True)

    search_fields = [index.SearchField("text"), index.SearchField("speaker")]

    class Meta:
        verbose_name = _("transcript segment")
        verbose_name_plural = _("transcript segments")
        ordering = ["transcript", "start_ms", "position"]
        indexes = [models.Index(fields=["transcript", "start_ms"], name="segment_by_time")]

    def __str__(self):
        return f"{self.clock} {self.text[:60]}"

    @property
    def seconds(self):
        return self.start_ms // 1000

    @property
    def clock(self):
        return format_clock(self.seconds)

    # WebVTT writing reads cues as start/end/text/speaker.
    @property
    def start(self):
        return self.start_ms

    @property
    def end(self):
        return self.end_ms

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("transcript__recording")


@dataclass
class Paragraph:
    start_ms: int
    speaker: str = ""
    texts: list = field(default_factory=list)
    end_ms: int = 0
    segments: list = field(default_factory=list)  # each one a citable moment

    @property
    def seconds(self):
        return self.start_ms // 1000

    @property
    def clock(self):
        return format_clock(self.seconds)

    @property
    def text(self):
        return " ".join(" ".join(self.texts).split())


def group_paragraphs(segments):
    paragraphs = []
    current = None
    for segment in segments:
        starts_new = (
            current is None
            or (segment.speaker and segment.speaker != current.speaker)
            or segment.start_ms - current.end_ms >= PAUSE_MS
            or (
                segment.start_ms - current.start_ms >= PARAGRAPH_MS
                and current.texts[-1].rstrip().endswith(SENTENCE_ENDS)
            )
        )
        if starts_new:
            current = Paragraph(segment.start_ms, segment.speaker or "")
            paragraphs.append(current)
        current.texts.append(segment.text)
        current.segments.append(segment)
        current.end_ms = max(current.end_ms, segment.end_ms)
    return paragraphs
