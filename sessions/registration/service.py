"""Sign-up, cancellation and the waiting list, each in one transaction holding a lock.

The capacity check and the insert must see the same count: two people taking the
last place at the same moment would otherwise both be confirmed. Every change of a
session's registrations therefore starts by locking the session (``locked``):

- PostgreSQL (and other servers): ``SELECT ... FOR UPDATE`` on the session's row.
  Other sign-ups for the same session wait; sign-ups for other sessions do not.
- SQLite has no row locks. Its default (deferred) transaction takes the write lock
  only at the first write, after the count was read, so two transactions could both
  count and then one fail with "database is locked". Writing first makes this
  transaction immediate: it takes the database's write lock before counting, and the
  others wait for it (up to the busy timeout). Django's ``transaction_mode:
  IMMEDIATE`` option would do the same for every transaction of the site, admin
  reads included; only these few need it.

Emails are enqueued inside the transaction. With the database task backend their
task rows commit with the registration: an email is never sent for a sign-up that
was rolled back, and never lost for one that was kept.
"""

from contextlib import contextmanager

from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from sessions.models import Registration, SessionPage

from . import emails
from .state import is_open

Status = Registration.Status


class RegistrationClosed(Exception):
    pass


@contextmanager
def locked(session):
    """A transaction in which no one else changes this session's registrations."""
    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                table = SessionPage._meta.db_table
                column = SessionPage._meta.pk.column
                cursor.execute(
                    f'UPDATE "{table}" SET "{column}" = "{column}" WHERE "{column}" = %s',  # noqa: S608
                    [session.pk],
                )
            locked_session = SessionPage.objects.get(pk=session.pk)
        else:
            locked_session = SessionPage.objects.select_for_update(of=("self",)).get(pk=session.pk)
        # Locked sessions are registration homes (callers pass ``registration_home``).
        locked_session._registration_home = locked_session
        yield locked_session


def has_place(session):
    if session.capacity is None:
        return True
    return Registration.objects.filter(session=session).confirmed().count() < session.capacity


def register(page, data, now=None):
    """Register someone for the session of ``page`` (either language).

    ``data`` is the form's cleaned data. Returns the registration. A person already
    registered (the same email, any case) is sent their current email again, and their
    details are left as they are: the answer is the same, so the form reveals nothing.
    A cancelled registration comes back, at the end of the line if the session is full.
    """
    home = page.registration_home
    email = data["email"].strip()
    for _attempt in range(2):
        try:
            with locked(home) as session:
                if not is_open(session, now):
                    raise RegistrationClosed
                existing = (
                    Registration.objects.filter(session=session)
                    .annotate(lower_email=Lower("email"))
                    .filter(lower_email=email.lower())
                    .first()
                )
                if existing is not None and existing.status != Status.CANCELLED:
                    emails.send(existing, emails.kind_for_status(existing.status))
                    return existing
                registration = existing or Registration(session=session)
                for name, value in data.items():
                    if hasattr(Registration, name) and name != "session":
                        setattr(registration, name, value)
                registration.email = email
                registration.cancelled_at = None
                if has_place(session):
                    registration.status = Status.CONFIRMED
                else:
                    registration.status = Status.WAITING
                    registration.waiting_since = timezone.now()
                registration.save()
                emails.send(registration, emails.kind_for_status(registration.status))
                return registration
        except IntegrityError:
            # Only with the same email sent twice at once from two processes, on a
            # database whose lock let the second one through before the first
            # committed (it cannot happen under the locks above); the retry sees it.
            continue
    raise RuntimeError("registration could not be saved")


def cancel(registration):
    """Cancel a registration and give its place to the first person waiting."""
    with locked(registration.session) as session:
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            return registration
        was_confirmed = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save()
        emails.send(registration, emails.CANCELLED, withdraw=was_confirmed)
        if was_confirmed:
            promote(session)
        return registration


def promote(session):
    """Confirm people from the waiting list while there are places. Call it locked."""
    promoted = []
    while has_place(session):
        first = Registration.objects.filter(session=session).in_line().first()
        if first is None:
            break
        first.status = Status.CONFIRMED
        first.save()
        emails.send(first, emails.PROMOTED)
        promoted.append(first)
    return promoted


def grow(session):
    """After an editor raises the capacity: promote whoever now fits."""
    with locked(session.registration_home) as locked_session:
        return promote(locked_session)
