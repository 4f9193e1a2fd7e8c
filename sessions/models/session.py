"""One session of a series: when it happens, who speaks, what it explores.

Times are stored as aware datetimes (UTC in the database) with the session's own
time zone, in which editors type them and which the page shows first. The stored
status says what the organisers decided (scheduled, date to be confirmed,
postponed, cancelled); whether a session is upcoming, live or past follows from
the clock and is never stored.

Registration settings come from ``RegistrationSettings`` (registration_settings.py),
which keeps the private meeting link out of every public output.
"""

from datetime import date, datetime, time
from functools import cached_property
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import DateTimeField, Q
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms import languages as site_languages
from cms.citable import CitablePageMixin
from cms.fragments import shared
from cms.models import BasePage
from cms.models.base import changes_at
from sessions import timefmt
from sessions.blocks import SessionStreamBlock
from sessions.fields import LanguageCodesField
from sessions.forms import SessionPageForm

from .registration_settings import RegistrationSettings


def validate_time_zone(value):
    if value not in available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s."), params={"zone": value})


def time_zone_choices():
    # Read at form time, not stored in migrations: the list changes with tzdata.
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))
    return [(zone, zone.replace("_", " ")) for zone in zones]


def default_languages():
    # Those of the site's languages: a session's languages are checked against them.
    return [code for code in settings.FAIRVILLE_SESSION_LANGUAGES if site_languages.known(code)]


def month_start(moment):
    local = timezone.localtime(moment)
    return date(local.year, local.month, 1)


class Phase(models.TextChoices):
    """Where a session stands against the clock (computed, never stored)."""

    UPCOMING = "upcoming", _("Upcoming")
    LIVE = "live", _("Live now")
    PAST = "past", _("Past")


class SessionPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Sessions still ahead (or under way): the same rule as ``SessionPage.phase``."""
        return self.filter(self._upcoming_q(now or timezone.now()))

    def past(self, now=None):
        return self.exclude(self._upcoming_q(now or timezone.now()))

    def chronological(self):
        # A session to be confirmed sorts at the start of its month.
        return self.order_by(
            Coalesce("starts_at", Cast("provisional_month", DateTimeField())), "number", "pk"
        )

    @staticmethod
    def _upcoming_q(now):
        Status = SessionPage.Status
        return (
            Q(status=Status.POSTPONED)
            | Q(status=Status.TO_BE_CONFIRMED, provisional_month__gte=month_start(now))
            | Q(status__in=[Status.SCHEDULED, Status.CANCELLED], ends_at__gt=now)
        )


SessionPageManager = PageManager.from_queryset(SessionPageQuerySet)


class SessionPage(CitablePageMixin, RegistrationSettings, BasePage):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        TO_BE_CONFIRMED = "tbc", _("Date to be confirmed")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.PositiveSmallIntegerField(
        _("number in the series"),
        null=True,
        blank=True,
        help_text=_("Shown as #1, #2... Leave empty for a session outside the numbering."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    starts_at = models.DateTimeField(
        _("start"),
        null=True,
        blank=True,
        help_text=_("Date and time in the session's time zone."),
    )
    ends_at = models.DateTimeField(
        _("end"), null=True, blank=True, help_text=_("Date and time in the session's time zone.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=timefmt.DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("Start and end are read in this zone, and the page shows it first."),
    )
    provisional_month = models.DateField(
        _("month, if the date is to be confirmed"),
        null=True,
        blank=True,
        help_text=_("Any day of the month: only the month and the year are shown."),
    )
    languages = LanguageCodesField(
        _("languages"),
        default=default_languages,
        help_text=_("The languages spoken, with interpretation between them."),
    )
    interpretation = models.TextField(
        _("interpretation"),
        blank=True,
        help_text=_("How interpretation works during the session, for the participants."),
    )
    intro = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Also shown in lists and in calendars."),
    )
    body = StreamField(SessionStreamBlock(), verbose_name=_("body"), blank=True)

    objects = SessionPageManager()

    # The times are facts of the event: a translator cannot change them in one language.
    override_translatable_fields = [
        SynchronizedField("time_zone", overridable=False),
        SynchronizedField("languages", overridable=False),
        *RegistrationSettings.registration_synced_fields,
    ]

    base_form_class = SessionPageForm
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("time_zone", widget=forms.Select(choices=time_zone_choices)),
                FieldPanel("provisional_month"),
            ],
            heading=_("When"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("contributors", heading=_("Contributors"), label=_("Contributor")),
        MultiFieldPanel(
            [FieldPanel("languages"), FieldPanel("interpretation")],
            heading=_("Languages"),
        ),
        InlinePanel(
            "lever_links",
            heading=_("Levers"),
            label=_("Lever"),
            help_text=_("The levers or entry points of co-production this session explores."),
        ),
        *RegistrationSettings.registration_panels,
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
        # Shown under "Languages and interpretation": a visitor who needs it searches for it.
        index.SearchField("interpretation"),
        # Contributors (names, organisations, places) and levers: sessions/search_kinds.py.
        index.FilterField("status"),
        index.FilterField("starts_at"),
        index.FilterField("number"),
    ]

    # What the public API shows, besides title, slug, locale and URLs (see cms/api.py).
    # An allow-list: a field missing here (a meeting link, a passcode) stays private.
    api_fields = [
        APIField("number"),
        APIField("status"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("time_zone"),
        APIField("provisional_month"),
        APIField("languages", serializer=serializers.ListField(child=serializers.CharField())),
        APIField("intro"),
        APIField("api_contributors"),
        APIField("api_licence"),
    ]

    parent_page_types = ["event_sessions.SeriesPage"]
    subpage_types = ["event_sessions.RecordingPage"]

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    # -- time -----------------------------------------------------------------

    @property
    def zone(self):
        return ZoneInfo(self.time_zone or timefmt.DEFAULT_TIME_ZONE)

    @property
    def has_time(self):
        """Day and time are known (even if the session was later postponed or cancelled)."""
        return (
            self.status != self.Status.TO_BE_CONFIRMED
            and self.starts_at is not None
            and self.ends_at is not None
        )

    def phase(self, now=None):
        now = now or timezone.now()
        if self.status == self.Status.POSTPONED:
            return Phase.UPCOMING
        if self.status == self.Status.TO_BE_CONFIRMED:
            month = self.provisional_month
            return Phase.UPCOMING if month and month >= month_start(now) else Phase.PAST
        if not self.has_time or self.ends_at <= now:
            return Phase.PAST
        if self.starts_at <= now and self.status == self.Status.SCHEDULED:
            return Phase.LIVE
        return Phase.UPCOMING

    def next_change(self, now=None):
        """When the clock alone will change what this session's page says, or None."""
        now = now or timezone.now()
        if self.status == self.Status.TO_BE_CONFIRMED:
            if not self.provisional_month:
                return None
            month = self.provisional_month
            after = date(month.year + month.month // 12, month.month % 12 + 1, 1)
            moment = datetime.combine(after, time(), tzinfo=timezone.get_current_timezone())
        elif self.status == self.Status.POSTPONED or not self.has_time:
            return None
        elif self.status == self.Status.SCHEDULED and now < self.starts_at:
            moment = self.starts_at
        else:
            moment = self.ends_at
        return moment if moment > now else None

    def citation(self, request):
        from sessions.citations import session_citation

        return session_citation(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        changes_at(context, self.next_change())
        # Built only if the page's kept parts (its template's fragments) are not.
        context["citation"] = SimpleLazyObject(lambda: self.citation(request))
        return context

    @property
    def is_past(self):
        return self.phase() == Phase.PAST

    def status_label(self, now=None):
        """What a visitor needs to know first: cancelled, postponed, live, past..."""
        if self.status != self.Status.SCHEDULED:
            return self.get_status_display()
        return Phase(self.phase(now)).label

    def when(self, language=None):
        """The date and times for people, e.g. '15 janvier 2026, 15h-17h CET / 14h-16h GMT'."""
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        if self.has_time:
            return timefmt.format_when(
                self.starts_at, self.ends_at, language, timefmt.zones_for(self.time_zone)
            )
        if self.provisional_month:
            return timefmt.format_to_be_confirmed(self.provisional_month, language)
        with translation.override(language):
            return str(_("Date and time to be confirmed"))

    @property
    def label(self):
        """'#1 Title', or the title alone outside the numbering."""
        return f"#{self.number} {self.title}" if self.number else self.title

    # -- contributors -----------------------------------------------------------

    @cached_property
    def contributor_list(self):
        """Contributors in order, with everything the page shows, in one query."""
        return list(
            self.contributors.select_related(
                "person__organisation", "person__photo", "role"
            ).order_by("sort_order")
        )

    @cached_property
    def contributor_groups(self):
        """[(role, [person, ...]), ...] by role, in order of each role's first appearance."""
        groups = {}
        for contributor in self.contributor_list:
            groups.setdefault(contributor.role_id, (contributor.role, []))[1].append(
                contributor.person
            )
        return list(groups.values())

    @cached_property
    def recording_list(self):
        """Its published recordings (usually one), for the section on the session page."""
        from .recordings import RecordingPage

        return list(RecordingPage.objects.child_of(self).live().public().order_by("path"))

    @property
    def api_licence(self):
        """The site's licence: a session page has no licence of its own."""
        from cms.licences import site_licence

        return site_licence(site=self.get_site()).as_dict()

    @property
    def api_contributors(self):
        return [
            {
                "name": person.name,
                "organisation": person.organisation.name if person.organisation else "",
                "role": role.name if role else "",
            }
            for role, people in self.contributor_groups
            for person in people
        ]

    @property
    def language_names(self):
        names = dict(settings.LANGUAGES)
        return [str(names[code]) for code in self.languages if code in names]

    @cached_property
    def lever_list(self):
        return list(self.lever_links.select_related("lever").order_by("sort_order"))

    @property
    def registration_home(self):
        """The page registrations belong to: the source of this session's translations.

        Pages of one session share a translation key; the source was created first.
        """
        if getattr(self, "_registration_home", None) is None:
            pages = SessionPage.objects.filter(translation_key=self.translation_key)
            # Every render of a session page asks. Which page is the source is kept
            # (cms.fragments): when it is this one, nothing need be read. Pages are only
            # added with higher ids, so "this is the lowest" never turns false.
            source = shared(
                "session-source",
                lambda: pages.order_by("pk").values_list("pk", flat=True).first(),
                self.translation_key,
            )
            first = self if source == self.pk else pages.order_by("pk").first()
            self._registration_home = first or self
        return self._registration_home

    # -- validation -----------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.provisional_month:
            self.provisional_month = self.provisional_month.replace(day=1)
        if self.status == self.Status.TO_BE_CONFIRMED:
            if not self.provisional_month:
                errors["provisional_month"] = _(
                    "A session whose date is to be confirmed needs at least its month."
                )
        else:
            for name in ("starts_at", "ends_at"):
                if getattr(self, name) is None:
                    errors[name] = _("Give the date and time, or set the status to “%(tbc)s”.") % {
                        "tbc": self.Status.TO_BE_CONFIRMED.label
                    }
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        self.clean_registration(errors)
        if self.path and self.number is not None:
            clash = self.number_clash(self.get_parent(), self.number)
            if clash is not None:
                errors["number"] = clash
        if errors:
            raise ValidationError(errors)

    def number_clash(self, parent, number):
        """The error message if another session of ``parent`` already has ``number``."""
        other = (
            SessionPage.objects.child_of(parent).filter(number=number).exclude(pk=self.pk).first()
        )
        if other is None:
            return None
        return _("Number %(number)s is already used in this series by “%(title)s”.") % {
            "number": number,
            "title": other.title,
        }
