"""The emails of registration, in the registrant's language, sent by a background task.

Each email is HTML with a plain-text twin, gives the time as the programme does
(CET/CEST and GMT/BST, ``sessions.timefmt``), and carries the personal links: the
join link, which is also the location of the attached .ics, and the cancel link.
Nothing a visitor typed goes into a header: the recipient is a validated address
and the subject is the session's title.
"""

import logging
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task
from icalendar import Calendar, vCalAddress
from wagtail.models import Locale

from cms.mail import absolute, message, send_or_retry
from sessions.calendars import PRODID, has_event, session_event
from sessions.models import OpeningNotice, Registration, RegistrationRequest

from . import tokens

logger = logging.getLogger(__name__)

CONFIRMED, WAITING, PROMOTED, REMINDER, CANCELLED, OPENING, REQUEST = (
    "confirmed",
    "waiting",
    "promoted",
    "reminder",
    "cancelled",
    "opening",
    "request",
)
SEQUENCE_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)

# The kinds that give the way in: a join link and a calendar entry.
WITH_JOIN_LINK = {CONFIRMED, PROMOTED, REMINDER}


def kind_for_status(status):
    return {
        Registration.Status.CONFIRMED: CONFIRMED,
        Registration.Status.WAITING: WAITING,
        Registration.Status.CANCELLED: CANCELLED,
    }[status]


def send(registration, kind, hours=None, withdraw=False):
    """Queue one email to a registrant (in the caller's transaction: see service.py).

    ``withdraw``: a cancellation of a place, whose calendar entry the email withdraws.
    """
    sequence = None
    if kind in WITH_JOIN_LINK or (kind == CANCELLED and withdraw):
        sequence = next_sequence(registration)
    send_registration_email.enqueue(registration.pk, kind, hours, withdraw, sequence)


def next_sequence(registration, now=None):
    """The SEQUENCE of this registration's next calendar entry, strictly above the last.

    Calendar applications keep the entry with the highest SEQUENCE (then DTSTAMP), so a
    cancellation that ties with the confirmation before it is ignored. The count is the
    seconds since SEQUENCE_EPOCH, as before it was stored (entries already sent keep
    their order), raised above the last one sent to this person. The increment is in the
    caller's transaction, with the email's task: a rolled-back sign-up uses no number.
    """
    now = now or timezone.now()
    seconds = int((now - SEQUENCE_EPOCH).total_seconds())
    rows = Registration.objects.filter(pk=registration.pk)
    rows.update(calendar_sequence=Greatest(F("calendar_sequence") + 1, Value(seconds)))
    return rows.values_list("calendar_sequence", flat=True).get()


@task()
def send_registration_email(
    registration_id, kind, hours=None, withdraw=False, sequence=None, attempt=0
):
    registration = Registration.objects.select_related("session").filter(pk=registration_id)
    registration = registration.first()
    if registration is None:  # purged meanwhile
        return False
    message = registration_message(registration, kind, hours, withdraw, sequence)
    args = (registration_id, kind, hours, withdraw, sequence)
    return send_or_retry(message, send_registration_email, args, attempt)


def send_request(registration_request):
    """Queue the email that asks the address to confirm a request (double opt-in)."""
    send_request_email.enqueue(registration_request.pk)


@task()
def send_request_email(request_id, attempt=0):
    pending = RegistrationRequest.objects.select_related("session").filter(pk=request_id)
    pending = pending.first()
    if pending is None:  # purged meanwhile
        return False
    return send_or_retry(request_message(pending), send_request_email, (request_id,), attempt)


@task()
def send_opening_email(notice_id, attempt=0):
    notice = OpeningNotice.objects.select_related("session").filter(pk=notice_id).first()
    if notice is None:
        return False
    return send_or_retry(opening_message(notice), send_opening_email, (notice_id,), attempt)


def localized(session, language):
    """The session's page in ``language`` when it is live, else the page itself."""
    locale = Locale.objects.filter(language_code=language).first()
    page = session.get_translation_or_none(locale) if locale else None
    return page.specific if page is not None and page.live else session


def personal_links(registration):
    with translation.override(registration.language):
        return {
            "join_url": absolute(
                reverse("event_sessions:join", args=[tokens.make(registration, tokens.JOIN)])
            ),
            "cancel_url": absolute(
                reverse("event_sessions:cancel", args=[tokens.make(registration, tokens.CANCEL)])
            ),
        }


def subject(kind, title, hours=None):
    subjects = {
        CONFIRMED: _("Your registration is confirmed: %(title)s"),
        WAITING: _("You are on the waiting list: %(title)s"),
        PROMOTED: _("A place has freed up for you: %(title)s"),
        CANCELLED: _("Your registration is cancelled: %(title)s"),
        OPENING: _("Registration is open: %(title)s"),
        REQUEST: _("Confirm your registration: %(title)s"),
    }
    if kind == REMINDER:
        text = ngettext(
            "Reminder: %(title)s starts in %(hours)s hour",
            "Reminder: %(title)s starts in %(hours)s hours",
            hours,
        ) % {"title": title, "hours": hours}
    else:
        text = subjects[kind] % {"title": title}
    # A title is one line; keep it so whatever an editor pasted.
    return " ".join(text.split())


def registration_message(registration, kind, hours=None, withdraw=False, sequence=None):
    language = registration.language
    with translation.override(language):
        session = localized(registration.session, language)
        links = personal_links(registration)
        context = {
            "kind": kind,
            "registration": registration,
            "session": session,
            "when": session.when(language),
            "page_url": absolute(session.get_url()),
            "hours": hours,
            "with_join_link": kind in WITH_JOIN_LINK,
            "join_opens_minutes": registration.session.join_window_minutes,
            "name": registration.name,
            **links,
        }
        message = build(registration.email, subject(kind, session.title, hours), context)
        if kind in WITH_JOIN_LINK and has_event(session):
            message.attach(
                "session.ics",
                personal_calendar(session, registration.email, links["join_url"], sequence),
                "text/calendar; charset=utf-8",
            )
        elif kind == CANCELLED and withdraw and has_event(session):
            message.attach(
                "session.ics",
                personal_calendar(session, registration.email, None, sequence),
                "text/calendar; charset=utf-8; method=CANCEL",
            )
        return message


def request_message(pending):
    """The email with the link that confirms a request; it gives no way in yet."""
    language = pending.language
    expires = pending.expires_at
    with translation.override(language):
        session = localized(pending.session, language)
        token = tokens.make(pending, tokens.CONFIRM)
        context = {
            "kind": REQUEST,
            "session": session,
            "when": session.when(language),
            "page_url": absolute(session.get_url()),
            "name": pending.name,
            "confirm_url": absolute(reverse("event_sessions:confirm", args=[token])),
            "valid_hours": max(1, round((expires - timezone.now()).total_seconds() / 3600)),
        }
        return build(pending.email, subject(REQUEST, session.title), context)


def opening_message(notice):
    language = notice.language
    with translation.override(language):
        session = localized(notice.session, language)
        context = {
            "kind": OPENING,
            "session": session,
            "when": session.when(language),
            "page_url": absolute(session.get_url()),
        }
        return build(notice.email, subject(OPENING, session.title), context)


def build(to, subject_line, context):
    return message(to, subject_line, "event_sessions/emails/registration", context)


def personal_calendar(session, email, join_url, sequence=None):
    """The session's public event, with the personal join link as location and URL.

    Same UID as the public calendars: a calendar that already holds the session
    updates it rather than showing it twice. Without a join link (the place was
    cancelled) the calendar cancels the event instead (METHOD:CANCEL), for the
    registrant ``email`` as its attendee. Each personal calendar supersedes the earlier
    ones, a cancellation the confirmation before it and a new registration the
    cancellation: its SEQUENCE (``next_sequence``, given by ``send``) is strictly higher
    than the one before. The sender is
    the ORGANIZER, which RFC 5546 requires and mail clients check before they apply a
    cancellation.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH" if join_url else "CANCEL")
    event = session_event(session, None)
    now = timezone.now()
    del event["dtstamp"]
    event.add("dtstamp", now)
    if sequence is None:  # a task queued before sequences were stored
        sequence = int((now - SEQUENCE_EPOCH).total_seconds())
    event.add("sequence", sequence)
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    if name:
        organizer.params["CN"] = name
    event.add("organizer", organizer)
    if join_url:
        for name in ("location", "url"):
            del event[name]
        event.add("location", join_url)
        event.add("url", join_url)
    else:
        for name in ("status", "transp"):
            del event[name]
        event.add("status", "CANCELLED")
        event.add("transp", "TRANSPARENT")
        event.add("attendee", vCalAddress(f"mailto:{email}"))
    calendar.add_component(event)
    day = session.starts_at.date()
    calendar.add_missing_timezones(
        first_date=day - timedelta(days=366), last_date=day + timedelta(days=366)
    )
    return calendar.to_ical()
