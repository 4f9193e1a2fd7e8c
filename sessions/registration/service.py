"""Sign-up, cancellation and the waiting list, each in one transaction holding a lock.

Sign-up is in two steps (double opt-in). ``request`` records what the form was sent
and emails a confirmation link to the address; it takes no place. ``confirm``, when
that link is confirmed on its page (a POST: a mail scanner's GET takes nothing), takes
the place or the position on the waiting list (``register``). Whoever types an address
cannot take a place for it, and a script with throwaway addresses takes none.

The capacity check and the insert must see the same count: two people taking the
last place at the same moment would otherwise both be confirmed. Every change of a
session's registrations therefore starts by locking the session (``locked``):

- PostgreSQL (and other servers): ``SELECT ... FOR NO KEY UPDATE`` on the session's row.
  Other sign-ups for the same session wait; sign-ups for other sessions do not.
- SQLite has no row locks. Its default (deferred) transaction takes the write lock
  only at the first write, after the count was read, so two transactions could both
  count and then one fail with "database is locked". Writing first makes this
  transaction immediate: it takes the database's write lock before counting, and the
  others wait for it (up to the busy timeout). Django's ``transaction_mode:
  IMMEDIATE`` option would do the same for every transaction of the site, admin
  reads included; only these few need it.

A request (the first step) takes no place, so it does not take the session's lock:
during a wave every confirmation does, and a request waiting behind them held a web
worker that pages were queued for. It locks only its address (``locked_address``).

Emails are enqueued inside the transaction. With the database task backend their
task rows commit with the registration: an email is never sent for a sign-up that
was rolled back, and never lost for one that was kept.
"""

import zlib
from contextlib import contextmanager

from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from sessions.models import Registration, RegistrationRequest, SessionPage

from . import emails, questions
from .signals import request_confirmed
from .state import is_open

Status = Registration.Status


class RegistrationClosed(Exception):
    pass


class RequestExpired(Exception):
    """The request was not confirmed in time (``FAIRVILLE_REGISTRATION_REQUEST_HOURS``)."""


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
            # FOR NO KEY UPDATE, not FOR UPDATE: the session's key never changes here, and
            # rows that merely refer to the session (a request's insert checks its foreign
            # key with FOR KEY SHARE) need not wait for the lock holder.
            locked_session = SessionPage.objects.select_for_update(of=("self",), no_key=True).get(
                pk=session.pk
            )
        # Locked sessions are registration homes (callers pass ``registration_home``).
        locked_session._registration_home = locked_session
        yield locked_session


@contextmanager
def locked_address(session, email):
    """A transaction in which no one else records a request of ``email`` for ``session``.

    A request takes no place: it need not wait for the confirmations of the whole wave,
    which all take the session's lock (``locked``). What must not interleave is two
    requests of the same address (each must see the other's count of emails sent). On
    PostgreSQL a transaction-scoped advisory lock keyed by the session and the address
    orders just those; SQLite locks the whole database for a write anyway, and there
    (and on other servers) this is the session's lock.
    """
    if connection.vendor != "postgresql":
        with locked(session) as locked_session:
            yield locked_session
        return
    key = zlib.crc32(email.strip().lower().encode())
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Two int4 keys: the session's id and the address's CRC-32 made signed. Two
            # addresses with one CRC merely wait for each other.
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                [session.pk, key - 2**32 if key >= 2**31 else key],
            )
        yield session


def confirmed_count(session_id):
    """The number of places taken in the session."""
    return Registration.objects.filter(session_id=session_id).confirmed().count()


def has_place(session):
    if session.capacity is None:
        return True
    return confirmed_count(session.pk) < session.capacity


def may_turn_full(registration, change):
    """Whether this ``cms.pagecache.Change`` of ``registration`` can have made its session
    full, or no longer full: of its registrations, that is all the session's public pages
    show ("The session is full", "Join the waiting list"; no count of places).

    The number of confirmed places moves by one at most per change, so it crosses the
    capacity only when it ends at the capacity (one more: now full) or one below it (one
    less: no longer full); a waiting-list sign-up, or a save that leaves the status
    alone, moves nothing. Called after the write, in its transaction: every change of
    status holds the session's lock (``locked``), so the count is exact.
    """
    if change.kind == "created" and registration.status != Status.CONFIRMED:
        return False
    if not change.saved("status"):
        return False
    if Registration.session.is_cached(registration):
        capacity = registration.session.capacity
    else:
        capacity = (
            SessionPage.objects.filter(pk=registration.session_id)
            .values_list("capacity", flat=True)
            .first()
        )
    if capacity is None:
        return False
    confirmed = confirmed_count(registration.session_id)
    if change.kind == "created":  # one more: full if it took the last place
        return confirmed == capacity
    return confirmed in (capacity - 1, capacity)


def active_registration(session, email):
    """The address's registration for ``session`` unless cancelled, or None."""
    return (
        Registration.objects.filter(session=session)
        .annotate(lower_email=Lower("email"))
        .filter(lower_email=email.strip().lower())
        .exclude(status=Status.CANCELLED)
        .first()
    )


def request(page, data, now=None):
    """Record a registration request for the session of ``page`` and email its link.

    ``data`` is the form's cleaned data. Nothing is taken: the email asks the address to
    confirm. The latest request for an address replaces an earlier one. Someone already
    registered is sent their current email (with their personal links) instead, and
    their registration is left as it is. Either way at most one email goes out per
    ``cms.optin.RESEND_INTERVAL`` and ``EMAILS_PER_DAY`` a day, and the caller answers the same
    whatever happened, so the form reveals nothing of who is registered.
    """
    home = page.registration_home
    email = data["email"].strip()
    now = now or timezone.now()
    # Two requests for one address are ordered: each sees the other's count of emails.
    with locked_address(home, email) as session:
        if not is_open(session, now):
            raise RegistrationClosed
        pending = RegistrationRequest.objects.for_email(session, email).first()
        pending = pending or RegistrationRequest(session=session)
        pending.email = email
        pending.language = data["language"]
        pending.details = {name: value for name, value in data.items() if name != "email"}
        pending.requested_at = now
        pending.confirmed_at = None
        # However often the address is submitted for the session, one email per
        # ten minutes and three a day at most (cms.optin).
        send = pending.claim_email(now)
        pending.save()
        if send:
            registered = active_registration(session, email)
            if registered is not None:
                emails.send(registered, emails.kind_for_status(registered.status))
            else:
                emails.send_request(pending)
        return pending


def confirm(pending, now=None):
    """Take the place (or the waiting-list position) a request asked for; return it.

    The confirming step, in the session's lock: never overbooked, however many confirm
    at once. Confirming twice, or a request of someone already registered, changes
    nothing and returns the registration.
    """
    now = now or timezone.now()
    with locked(pending.session.registration_home) as session:
        pending = RegistrationRequest.objects.filter(pk=pending.pk).first()
        if pending is None:  # purged meanwhile
            raise RequestExpired
        if pending.confirmed_at is not None:
            registration = active_registration(session, pending.email)
            if registration is not None:
                return registration
        if now >= pending.expires_at:
            raise RequestExpired
        registration = take_place(session, {**pending.details, "email": pending.email}, now)
        pending.confirmed_at = now
        pending.save(update_fields=["confirmed_at"])
        request_confirmed.send(
            sender=RegistrationRequest, registration_request=pending, registration=registration
        )
        return registration


def register(page, data, now=None):
    """Register someone for the session of ``page`` at once, without a request.

    For the confirming step and for code that has the person's consent otherwise
    (tests, benchmarks); the public form only makes requests.
    """
    for _attempt in range(2):
        try:
            with locked(page.registration_home) as session:
                return take_place(session, data, now)
        except IntegrityError:
            # Only with the same email sent twice at once from two processes, on a
            # database whose lock let the second one through before the first
            # committed (it cannot happen under the locks above); the retry sees it.
            continue
    raise RuntimeError("registration could not be saved")


def take_place(session, data, now=None):
    """Register ``data`` (the form's answers) for ``session``, locked by the caller.

    A person already registered (the same email, any case) is sent their current email
    again, and their details are left as they are. A cancelled registration comes back,
    at the end of the line if the session is full.
    """
    if not is_open(session, now):
        raise RegistrationClosed
    email = data["email"].strip()
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
    if existing is not None or data.get(questions.DATA_KEY):  # a new one has no answers yet
        questions.save(registration, data.get(questions.DATA_KEY))
    emails.send(registration, emails.kind_for_status(registration.status))
    return registration


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
