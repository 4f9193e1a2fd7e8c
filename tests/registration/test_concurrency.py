"""Concurrent sign-ups on PostgreSQL: real threads, each with its own connection.

The session row lock (SELECT ... FOR UPDATE) must serialise the capacity check and
the insert. SQLite's in-memory test database cannot be shared by threads; its
immediate transaction is the same idea (see sessions/registration/service.py).
"""

import threading

import pytest
from django.db import connection

from sessions.demo import EXAMPLE_SLUG
from sessions.models import Registration, SessionPage
from sessions.registration import service

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are PostgreSQL's; run by make test"
)

THREADS = 16


def example_session(capacity):
    """The demo's example session (committed: the threads have their own connections)."""
    session = SessionPage.objects.get(slug=EXAMPLE_SLUG)
    SessionPage.objects.filter(pk=session.pk).update(capacity=capacity)
    return session


def data(email):
    return {
        "first_name": "A",
        "last_name": "B",
        "email": email,
        "role": "resident",
        "country": "FR",
        "language": "fr",
        "privacy_consent": True,
    }


def run_together(session, emails):
    """Register every address at once, one thread each; return what each thread got."""
    barrier, results = threading.Barrier(len(emails)), []

    def sign_up(email):
        try:
            page = SessionPage.objects.get(pk=session.pk)
            barrier.wait()
            results.append(service.register(page, data(email)).status)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_sign_ups_never_overbook(transactional_db):
    session = example_session(capacity=5)
    emails = [f"person{n}@example.org" for n in range(THREADS)]
    results = run_together(session, emails)
    assert sorted(set(results)) == ["confirmed", "waiting"], results
    rows = Registration.objects.filter(session=session)
    assert rows.confirmed().count() == 5
    assert rows.waiting().count() == THREADS - 5
    assert sorted(rows.values_list("email", flat=True)) == sorted(emails)  # none lost or doubled
    # The waiting list keeps the order in which people got the lock.
    assert rows.in_line().count() == THREADS - 5


def test_the_same_address_at_once_makes_one_registration(transactional_db):
    session = example_session(capacity=50)
    emails = ["same@example.org", "SAME@example.org", "Same@Example.org", "same@EXAMPLE.ORG"]
    results = run_together(session, emails * 2)
    assert results == ["confirmed"] * 8, results
    assert Registration.objects.filter(session=session).count() == 1


def test_concurrent_cancellations_promote_each_waiting_person_once(transactional_db):
    session = example_session(capacity=4)
    run_together(session, [f"p{n}@example.org" for n in range(12)])
    confirmed = list(Registration.objects.filter(session=session).confirmed())
    barrier = threading.Barrier(len(confirmed))

    def cancel(registration):
        try:
            barrier.wait()
            service.cancel(registration)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = Registration.objects.filter(session=session)
    assert rows.confirmed().count() == 4
    assert rows.waiting().count() == 4
    assert rows.filter(status="cancelled").count() == 4
