"""A case study discussed in a recording, from one minute to another.

A snippet of its own rather than an inline of either page: editors link the two from
either side (a panel on each page's editor lists the links and opens this snippet's form
with that side filled in), and neither page's revisions own the row, so publishing an
older draft of one page cannot drop a link made from the other.

Translatable for its note; the times and the two pages are synced (a translation points
to the same source pages). Each page finds its links by translation key and shows the
other page in the reader's language, with the note of the row in that language, or the
source's until an editor translates it (``practices.discussions``).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from sessions.captions import format_clock

# A recording lasts a few hours at most (sessions.playback.MAX_SECONDS is 200 hours).
LONGEST = timedelta(hours=200)


class CaseStudyDiscussion(TranslatableMixin, models.Model):
    case_study = models.ForeignKey(
        "practices.CaseStudyPage",
        verbose_name=_("case study"),
        on_delete=models.CASCADE,
        related_name="discussions",
    )
    recording = models.ForeignKey(
        "event_sessions.RecordingPage",
        verbose_name=_("recording"),
        on_delete=models.CASCADE,
        related_name="case_study_discussions",
    )
    start = models.DurationField(_("from"), help_text=_("Into the video: 42:10 or 1:02:05."))
    end = models.DurationField(_("to"), help_text=_("When the discussion of it ends."))
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("Optional: what was said about it, in a few words."),
    )

    panels = [
        PageChooserPanel("case_study", "practices.CaseStudyPage"),
        PageChooserPanel("recording", "event_sessions.RecordingPage"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("note"),
    ]
    override_translatable_fields = [
        SynchronizedField("case_study", overridable=False),
        SynchronizedField("recording", overridable=False),
        SynchronizedField("start", overridable=False),
        SynchronizedField("end", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("case study discussed in a recording")
        verbose_name_plural = _("case studies discussed in recordings")
        ordering = ["start"]

    def __str__(self):
        return f"{self.case_study.title} – {self.recording.title} {self.clock}"

    @property
    def seconds(self):
        return int(self.start.total_seconds())

    @property
    def end_seconds(self):
        return int(self.end.total_seconds())

    @property
    def clock(self):
        return format_clock(self.seconds)

    @property
    def end_clock(self):
        return format_clock(self.end_seconds)

    def clean(self):
        super().clean()
        errors = {}
        if self.start is not None and not timedelta(0) <= self.start <= LONGEST:
            errors["start"] = _("Give a time into the video, e.g. 42:10.")
        if self.start is not None and self.end is not None and self.end <= self.start:
            errors["end"] = _("The end must come after the start.")
        if self.case_study_id and self.recording_id:
            if self.case_study.locale_id != self.recording.locale_id:
                errors["recording"] = _(
                    "Choose the recording in the same language as the case study."
                )
        if errors:
            raise ValidationError(errors)
