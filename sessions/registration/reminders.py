"""Reminders before a session and "registration is open" notices: a periodic command.

Idempotent: each reminder is recorded (``SentReminder``, unique per registration and
offset) in the same transaction that queues its email, and each notice is claimed by
a conditional update, so running the command twice, or twice at once, sends each
email once. On SQLite a reminder's transaction holds the session's lock
(``service.locked``): there a transaction that reads before it writes fails at once
("database is locked") when another run writes first, where a locked one waits its
turn. On PostgreSQL the unique ``SentReminder`` row alone orders two runs (the second
insert waits for the first, then finds it), and the session is not locked: the command
runs at a lower CPU priority than the web workers (docs/deploy.md), and a confirmation
waiting for a lock it held waited for a process the scheduler puts last.

A command that runs late sends the nearest reminder only: someone an hour away from
the start needs the one-hour reminder, not the day-before one too.
"""

import math
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from sessions.models import OpeningNotice, Registration, SentReminder, SessionPage

from . import emails
from .service import locked
from .state import is_open


def reminder_transaction(session):
    return locked(session) if connection.vendor == "sqlite" else transaction.atomic()


def send_reminders(now=None):
    """Queue the reminders that are due; return how many."""
    now = now or timezone.now()
    sent = 0
    sessions = SessionPage.objects.filter(
        status=SessionPage.Status.SCHEDULED,
        starts_at__gt=now,
        registrations__status=Registration.Status.CONFIRMED,
    ).distinct()
    for session in sessions:
        due = [
            hours
            for hours in session.reminder_offsets
            if now >= session.starts_at - timedelta(hours=hours)
        ]
        if not due:
            continue
        nearest = min(due)
        hours_left = max(1, math.floor((session.starts_at - now) / timedelta(hours=1)))
        confirmed = session.registrations.confirmed().exclude(sent_reminders__hours=nearest)
        for registration in confirmed:
            with reminder_transaction(session):
                # Read again, locked: the list above was read before this transaction, and a
                # cancellation since must not be followed by a reminder with the join link.
                still = Registration.objects.select_for_update().filter(pk=registration.pk)
                if not still.confirmed().values_list("pk", flat=True).first():
                    continue
                _, created = SentReminder.objects.get_or_create(
                    registration=registration, hours=nearest
                )
                for hours in due:  # the earlier ones are no longer worth sending
                    SentReminder.objects.get_or_create(registration=registration, hours=hours)
                if created:
                    emails.send(registration, emails.REMINDER, hours_left)
                    sent += 1
    return sent


def send_opening_notices(now=None):
    """Tell the people who asked that registration is open; return how many."""
    now = now or timezone.now()
    told = 0
    waiting = OpeningNotice.objects.filter(notified_at__isnull=True).select_related("session")
    for notice in waiting:
        if not is_open(notice.session, now):
            continue
        with transaction.atomic():
            claimed = OpeningNotice.objects.filter(pk=notice.pk, notified_at__isnull=True)
            if claimed.update(notified_at=now):
                emails.send_opening_email.enqueue(notice.pk)
                told += 1
    return told
