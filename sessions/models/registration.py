"""People registered for a session, and what they were sent.

A registration belongs to the session's source page (``SessionPage.registration_home``):
the French and English pages of one session share its places, its waiting list and
one registration per email address. Email addresses are matched case-insensitively,
by a database constraint on ``Lower(email)``, so no race can create a second
registration for the same person.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from cms.languages import own_name_choices
from cms.optin import EmailedRequest


class Role(models.TextChoices):
    """The audiences the programme names."""

    RESIDENT = "resident", _("Resident")
    ACTIVIST = "activist", _("Activist")
    ACADEMIC = "academic", _("Academic")
    PRACTITIONER = "practitioner", _("Practitioner")
    CIVIL_SOCIETY = "civil-society", _("Civil-society organisation")
    LOCAL_GOVERNMENT = "local-government", _("Local government")
    OTHER = "other", _("Other")


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING)

    def in_line(self):
        """The waiting list, first come first served."""
        return self.waiting().order_by("waiting_since", "pk")


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        "event_sessions.SessionPage",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    # The secret behind the personal links (signed, see sessions.registration.tokens).
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    country = CountryField(_("country"), blank=True)
    language = models.CharField(_("language of emails"), max_length=10, choices=own_name_choices)
    interpretation = models.BooleanField(_("needs interpretation"), default=False)
    accessibility = models.TextField(_("accessibility needs"), max_length=2000, blank=True)
    privacy_consent = models.BooleanField(_("accepted the privacy notice"), default=False)
    news_consent = models.BooleanField(_("wants news of future Dialogues"), default=False)
    recording_consent = models.BooleanField(
        _("wants an email when the recording is online"), default=False
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # The SEQUENCE of the last calendar entry sent to this person (see emails.send).
    calendar_sequence = models.PositiveBigIntegerField(default=0, editable=False)
    # When the "recording is online" email was claimed for this person: once, ever
    # (sessions.registration.followup).
    recording_sent_at = models.DateTimeField(
        _("told the recording is online"), null=True, blank=True, editable=False
    )
    # The first use of the join link while it opened the meeting (views.join).
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    # What a registrant tells us, in the public form's order: the one list that the
    # public form, the admin's edit form and the admin's export read. The privacy
    # consent is not among them: it is the form's condition, not an answer to correct.
    DETAILS = (
        "first_name",
        "last_name",
        "email",
        "organisation",
        "role",
        "country",
        "language",
        "interpretation",
        "accessibility",
    )
    # What they asked for besides the session (after the privacy notice in the form).
    CHOICES = ("news_consent", "recording_consent")
    ANSWERS = (*DETAILS, *CHOICES)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "session", name="one_registration_per_email_and_session"
            ),
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def name(self):
        return str(self)

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    def question_answers(self):
        """The answers to the session's extra questions, one "question: answer" a line."""
        return "\n".join(str(answer) for answer in self.answers.all())

    question_answers.short_description = _("answers to the session's questions")
    # The admin's inspect view shows a method through its get_<name>_display.
    get_question_answers_display = question_answers


class SentReminder(models.Model):
    """A reminder that went out: the command never sends the same one twice."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="sent_reminders"
    )
    hours = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "hours"], name="one_reminder_per_offset"
            )
        ]

    def __str__(self):
        return f"{self.registration_id}: {self.hours} h"


class RegistrationRequestQuerySet(models.QuerySet):
    def for_email(self, session, email):
        return (
            self.filter(session=session)
            .alias(lower_email=Lower("email"))
            .filter(lower_email=email.strip().lower())
        )


class RegistrationRequest(EmailedRequest):
    """A submitted registration form, waiting for its address to confirm it (double opt-in).

    It takes no place: the place, or the position on the waiting list, is taken when the
    link sent to the address is confirmed (``service.confirm``). Until then it is not a
    registration and shows nowhere in the admin. One row per address and session, kept
    after confirmation too, so that it can count the emails sent to the address for this
    session (``cms.optin.EmailedRequest``); the purge deletes it once expired.
    ``details`` holds the form's answers as typed, copied into the registration on
    confirmation.
    """

    session = models.ForeignKey(
        "event_sessions.SessionPage", on_delete=models.CASCADE, related_name="+"
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=10, choices=own_name_choices)
    details = models.JSONField()
    requested_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationRequestQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "session", name="one_registration_request_per_email_and_session"
            ),
        ]
        indexes = [models.Index(fields=["requested_at"])]

    def __str__(self):
        return f"{self.email} ({self.session_id})"

    @property
    def name(self):
        return f"{self.details.get('first_name', '')} {self.details.get('last_name', '')}".strip()

    @property
    def expires_at(self):
        """When its link stops working: ``FAIRVILLE_REGISTRATION_REQUEST_HOURS`` later."""
        return self.requested_at + timedelta(hours=settings.FAIRVILLE_REGISTRATION_REQUEST_HOURS)
