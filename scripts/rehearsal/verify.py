"""Inside Django: the registrations in the database against the mail the SMTP server kept.

Usage: verify.py MAIL_DIR ACKS_FILE SESSION_ID [SINCE]. Prints one JSON object: counts of
acknowledged registrations, registrations in the database, confirmation and waiting-list
emails per registration (duplicates, missing), reminders recorded against reminder
emails, seats taken against capacity, and the task queue's state. A duplicate is a
second message; one message received twice (the same ``Message-ID``) is counted apart.
SINCE (a Unix time): failed tasks queued before it (the set-up's) are listed apart,
not counted.
"""

import email
import email.policy
import json
import os
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.db.models.functions import Lower  # noqa: E402
from django.utils import translation  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from sessions.models import Registration, SentReminder, SessionPage  # noqa: E402
from sessions.registration import emails  # noqa: E402


def subject_prefixes(kind):
    """How a subject of ``kind`` begins, in each language (the title follows)."""
    prefixes = []
    for language in ("fr", "en"):
        with translation.override(language):
            prefixes.append(emails.subject(kind, "\x00", hours=24).split("\x00")[0])
    return tuple(prefixes)


def read_mail(directory):
    messages = []
    for path in sorted(Path(directory).glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        recipients = [value.lower() for value in message.get_all("X-Rehearsal-To", [])]
        subject = str(message["Subject"] or "").strip()
        messages.append((recipients, subject, str(message["Message-ID"] or path.name)))
    return messages


def copies(received):
    """``{address: [message ids]}`` as distinct messages per address, and the copies of a
    message received again (a task run again after its worker was killed between the
    server's acceptance and the record of it: docs/deploy.md, Exactly once)."""
    distinct = Counter({address: len(set(ids)) for address, ids in received.items()})
    again = sum(len(ids) - len(set(ids)) for ids in received.values())
    return distinct, again


def describe(failed):
    """Each failed task: what it was asked to do, and the error it met."""
    found = []
    for task in failed.order_by("enqueued_at"):
        error = task.traceback.strip().splitlines()[-1] if task.traceback else ""
        found.append(f"{task.task_path}{tuple(task.args_kwargs.get('args', ()))}: {error[:160]}")
    return found


def main():
    mail_dir, acks_file, session_id = sys.argv[1], sys.argv[2], int(sys.argv[3])
    session = SessionPage.objects.get(pk=session_id)
    acknowledged = [
        line.strip().lower()
        for line in Path(acks_file).read_text().splitlines()
        if "@" in line and not line.startswith("published")
    ]
    rows = Counter(
        Registration.objects.filter(session=session)
        .annotate(lower=Lower("email"))
        .values_list("lower", flat=True)
    )
    first = {emails.CONFIRMED: subject_prefixes(emails.CONFIRMED)}
    first[emails.WAITING] = subject_prefixes(emails.WAITING)
    reminder = subject_prefixes(emails.REMINDER)
    initial, reminders, other = defaultdict(list), defaultdict(list), 0
    for recipients, subject, message_id in read_mail(mail_dir):
        for recipient in recipients:
            if subject.startswith(first[emails.CONFIRMED] + first[emails.WAITING]):
                initial[recipient].append(message_id)
            elif subject.startswith(reminder):
                reminders[recipient].append(message_id)
            else:
                other += 1
    initial, initial_again = copies(initial)
    reminders, reminders_again = copies(reminders)
    recorded = Counter(
        SentReminder.objects.filter(registration__session=session)
        .annotate(lower=Lower("registration__email"))
        .values_list("lower", flat=True)
    )
    confirmed = Registration.objects.filter(
        session=session, status=Registration.Status.CONFIRMED
    ).count()
    tasks = Counter(DBTaskResult.objects.values_list("status", flat=True))
    failed = DBTaskResult.objects.filter(status="FAILED")
    if len(sys.argv) > 4:
        since = datetime.fromtimestamp(float(sys.argv[4]), UTC)
        before = failed.filter(enqueued_at__lt=since)
        failed = failed.filter(enqueued_at__gte=since)
    else:
        before = failed.none()
    failed_email = failed.filter(task_path__startswith="sessions.registration.emails.").count()
    result = {
        "acknowledged": len(acknowledged),
        "acknowledged_missing_in_db": sum(1 for a in set(acknowledged) if rows[a] == 0),
        "registrations_in_db": sum(rows.values()),
        "duplicate_rows": sum(count - 1 for count in rows.values() if count > 1),
        "emails_initial": sum(initial.values()),
        "emails_lost": sum(1 for address in rows if initial[address] == 0),
        "emails_duplicate": sum(count - 1 for count in initial.values() if count > 1),
        "emails_to_strangers": sum(1 for address in initial if address not in rows),
        "emails_sent_again": initial_again,
        "reminders_recorded": sum(recorded.values()),
        "reminder_emails": sum(reminders.values()),
        "reminders_lost": sum(max(0, recorded[a] - reminders[a]) for a in recorded),
        "reminders_duplicate": sum(max(0, reminders[a] - recorded[a]) for a in reminders),
        "reminders_sent_again": reminders_again,
        "other_emails": other,
        "confirmed": confirmed,
        "capacity": session.capacity,
        "tasks": dict(tasks),
        "failed_email_tasks": failed_email,
        "failed_other_tasks": failed.count() - failed_email,
        "failed_tasks": describe(failed),
        "failed_before": describe(before),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
