"""Personal data is kept until a set number of days after the session, then purged.

What stays: ``RegistrationTally`` rows, anonymous counts per role, country, language
and final status (with how many of them attended, asked for interpretation or gave
access needs), for reporting. Registrations (with their keys, so every personal link stops
working), reminder records and "tell me when it opens" notices are deleted.

A session with no end date (its date is to be confirmed) counts as ended with its
provisional month, as its page does (``SessionPage.phase``): the people who asked to be
told when it opens are not kept forever for a session that never came.

Registration requests (double opt-in) are personal data given without a confirmed
address: ``purge_requests`` deletes them once expired, confirmed or not (a confirmed
one's details are in its registration), and never before a day has passed since the
last one, which the limit on re-sent emails counts on (``cms.optin.EmailedRequest``).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from sessions.models import OpeningNotice, Registration, RegistrationRequest, RegistrationTally
from sessions.models.session import month_start

DEFAULT_DAYS = 30

# What each tally counts besides the registrations themselves.
TALLIED = {
    "attended": Count("pk", filter=Q(attended_at__isnull=False)),
    "interpretation": Count("pk", filter=Q(interpretation=True)),
    "accessibility": Count("pk", filter=~Q(accessibility="")),
}


def purge(days=DEFAULT_DAYS, now=None):
    """Purge registrations of sessions that ended more than ``days`` ago; return how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    ended = Q(session__ends_at__lt=cutoff) | Q(
        session__ends_at__isnull=True, session__provisional_month__lt=month_start(cutoff)
    )
    expired = Registration.objects.filter(ended)
    purged = 0
    with transaction.atomic():
        groups = expired.values("session", "role", "country", "language", "status").annotate(
            n=Count("pk"), **TALLIED
        )
        for group in groups:
            tally, _ = RegistrationTally.objects.get_or_create(
                session_id=group["session"],
                role=group["role"],
                country=group["country"],
                language=group["language"],
                status=group["status"],
            )
            RegistrationTally.objects.filter(pk=tally.pk).update(
                count=F("count") + group["n"],
                **{name: F(name) + group[name] for name in TALLIED},
            )
            purged += group["n"]
        expired.delete()
        OpeningNotice.objects.filter(ended).delete()
    return purged


def purge_requests(now=None):
    """Delete registration requests past their expiry (and a day old); return how many."""
    now = now or timezone.now()
    hours = max(settings.FAIRVILLE_REGISTRATION_REQUEST_HOURS, 24)
    expired = RegistrationRequest.objects.filter(requested_at__lt=now - timedelta(hours=hours))
    return expired.delete()[0]
