"""A session's registration settings, on the session page itself.

They are facts of the event, the same in every language: wagtail-localize copies
them from the source page and translators cannot change them. The meeting link
and passcode are private. Nothing public reads them (page, JSON-LD, calendars,
search index, API): only ``sessions.registration.views.join`` does, for a
confirmed registrant inside the join window.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail_localize.fields import SynchronizedField

from sessions.panels import registration_counts_panel

DEFAULT_REMINDERS = "24,1"
MAX_REMINDER_HOURS = 24 * 30


def parse_hours(value):
    """'24, 1' -> [24, 1]: reminder offsets in hours, largest first, without repeats."""
    hours = set()
    for part in str(value or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 0 < int(part) <= MAX_REMINDER_HOURS:
            raise ValidationError(
                _("Give whole numbers of hours between 1 and %(max)s, separated by commas."),
                params={"max": MAX_REMINDER_HOURS},
                code="invalid",
            )
        hours.add(int(part))
    return sorted(hours, reverse=True)


def validate_reminder_hours(value):
    parse_hours(value)


class RegistrationSettings(models.Model):
    registration_enabled = models.BooleanField(
        _("take registrations"),
        default=False,
        help_text=_(
            "Visitors register on the session page. For a session whose date is to be "
            "confirmed, they can ask to be told when registration opens."
        ),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("Empty: as soon as the page is published."),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: when the session starts."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Past this number, people join a waiting list. Empty: no limit."),
    )
    reminder_hours = models.CharField(
        _("reminders"),
        max_length=50,
        blank=True,
        default=DEFAULT_REMINDERS,
        validators=[validate_reminder_hours],
        help_text=_(
            "Hours before the start when registrants get a reminder, separated by commas, "
            "e.g. 24, 1. Empty: no reminder."
        ),
    )
    join_window_minutes = models.PositiveSmallIntegerField(
        _("join links open (minutes before the start)"),
        default=30,
        validators=[MaxValueValidator(24 * 60)],
    )
    meeting_url = models.URLField(
        _("meeting link (private)"),
        max_length=500,
        blank=True,
        help_text=_(
            "Never shown on the site: registrants reach it through their personal link, "
            "while their registration is confirmed, from shortly before the start."
        ),
    )
    meeting_passcode = models.CharField(
        _("meeting passcode (private)"),
        max_length=100,
        blank=True,
        help_text=_("Shown to confirmed registrants with the meeting link, nowhere else."),
    )

    class Meta:
        abstract = True

    # Facts of the event: one value for every language.
    registration_synced_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "registration_enabled",
            "registration_opens_at",
            "registration_closes_at",
            "capacity",
            "reminder_hours",
            "join_window_minutes",
            "meeting_url",
            "meeting_passcode",
        )
    ]

    registration_panels = [
        MultiFieldPanel(
            [
                registration_counts_panel(),
                FieldPanel("registration_enabled"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("join_window_minutes")]),
                FieldPanel("reminder_hours"),
                FieldRowPanel([FieldPanel("meeting_url"), FieldPanel("meeting_passcode")]),
            ],
            heading=_("Registration"),
        ),
        InlinePanel(
            "questions",
            heading=_("Questions to registrants"),
            label=_("Question"),
            help_text=_(
                'Asked in the registration form, e.g. "Your question for the speakers". '
                "Only registration managers see the answers; they are deleted with the "
                "registration."
            ),
        ),
    ]

    @property
    def reminder_offsets(self):
        try:
            return parse_hours(self.reminder_hours)
        except ValidationError:
            return []

    @property
    def registration_closes(self):
        """When the form stops taking registrations: as set, or the start."""
        return self.registration_closes_at or self.starts_at

    @property
    def join_opens(self):
        if self.starts_at is None:
            return None
        return self.starts_at - timedelta(minutes=self.join_window_minutes)

    def clean_registration(self, errors):
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
