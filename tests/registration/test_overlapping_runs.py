"""Two runs of the periodic command at once (cron overlapping a slow run, or two hosts)
send each reminder and each "registration is open" notice once: real threads, each with
its own connection, on PostgreSQL and on an SQLite file (``threads.shared_database``)."""

from collections import Counter
from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sessions.demo import EXAMPLE_SLUG
from sessions.models import OpeningNotice, Registration, SentReminder, SessionPage

from .threads import run_together, shared_database

__all__ = ["shared_database"]  # a fixture

RUNS = 4


def run_command(_):
    out = StringIO()
    call_command("send_registration_emails", stdout=out)
    return out.getvalue()


def test_overlapping_runs_send_each_email_once(shared_database):
    session = SessionPage.objects.get(slug=EXAMPLE_SLUG)
    start = timezone.now() + timedelta(minutes=50)  # the one-hour reminder is due
    SessionPage.objects.filter(translation_key=session.translation_key).update(
        starts_at=start, ends_at=start + timedelta(hours=2), reminder_hours="24, 1", capacity=6
    )
    confirmed = [f"p{n}@example.org" for n in range(6)]
    for email in [*confirmed, "waiting@example.org"]:
        Registration.objects.create(
            session=session,
            first_name="A",
            last_name="B",
            email=email,
            role="resident",
            language="fr",
            status="waiting" if email.startswith("waiting") else "confirmed",
        )
    asked = [f"ask{n}@example.org" for n in range(3)]
    for email in asked:  # registration is open now: they are due their notice
        OpeningNotice.objects.create(session=session, email=email, language="en")
    mail.outbox.clear()

    results = run_together(shared_database, run_command, range(RUNS))

    assert all("queued" in result for result in results), results
    received = Counter(message.to[0] for message in mail.outbox)
    assert received == Counter(confirmed + asked)  # each once; the waiting person none
    reminders = [m for m in mail.outbox if m.to[0] in confirmed]
    assert all("1 heure" in m.subject for m in reminders)
    assert SentReminder.objects.count() == 12  # the 1 h one sent, the 24 h one skipped
    assert not OpeningNotice.objects.filter(notified_at__isnull=True).exists()
