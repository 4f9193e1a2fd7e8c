"""iCalendar (RFC 5545) files: one per session, and a subscribable feed per series.

Each event carries its own time zone (with a VTIMEZONE built from the time zone
database), a UID shared by the French and English versions (the page's
translation key) so a calendar never holds the same session twice, and the
public page as its location and URL. Nothing else: no meeting link, ever.

A session without a confirmed day (to be confirmed, postponed) has no event: a
calendar entry at a guessed or abandoned time would mislead. A cancelled session
stays, with STATUS:CANCELLED, so subscribers see the cancellation.
"""

from datetime import timedelta

from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from icalendar import Calendar, Event

PRODID = "-//Fairville Dialogues//Sessions//EN"
UID_DOMAIN = "dialogues.fairville-eu.org"


def has_event(session):
    return session.has_time and session.status != session.Status.POSTPONED


def session_event(session, request):
    language = translation.get_language()
    url = session.get_full_url(request)
    event = Event()
    event.add("uid", f"session-{session.translation_key}@{UID_DOMAIN}")
    stamp = session.last_published_at or timezone.now()
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("dtstart", session.starts_at.astimezone(session.zone))
    event.add("dtend", session.ends_at.astimezone(session.zone))
    event.add("summary", session.label, parameters={"LANGUAGE": language})
    intro = " ".join(strip_tags(normalize_newlines(session.intro)).split())
    description = "\n\n".join(part for part in (session.when(language), intro, url) if part)
    event.add("description", description, parameters={"LANGUAGE": language})
    event.add("location", url)
    event.add("url", url)
    cancelled = session.status == session.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def build_calendar(sessions, request, name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    days = []
    for session in sessions:
        if has_event(session):
            calendar.add_component(session_event(session, request))
            days.append(session.starts_at.date())
    if days:
        # Time zone rules for the years around the events only, not 1970-2038.
        calendar.add_missing_timezones(
            first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366)
        )
    return calendar.to_ical()
