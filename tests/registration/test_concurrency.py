"""Concurrent sign-ups and cancellations: real threads, each with its own connection,
on PostgreSQL and on an SQLite file (``threads.shared_database``).

The session lock must serialise the capacity check and the insert: SELECT ... FOR
UPDATE on PostgreSQL, the immediate transaction on SQLite (see
sessions/registration/service.py).
"""

import pytest

from sessions.demo import EXAMPLE_SLUG
from sessions.models import Registration, SessionPage
from sessions.registration import service

from .threads import run_together as run_threads
from .threads import shared_database

__all__ = ["shared_database"]  # a fixture

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


@pytest.fixture
def run_together(shared_database):
    """Register every address at once, one thread each; return what each thread got."""

    def run(session, emails):
        def sign_up(email):
            page = SessionPage.objects.get(pk=session.pk)
            return service.register(page, data(email)).status

        return run_threads(shared_database, sign_up, emails)

    return run


def test_concurrent_sign_ups_never_overbook(run_together):
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


def test_the_same_address_at_once_makes_one_registration(run_together):
    session = example_session(capacity=50)
    emails = ["same@example.org", "SAME@example.org", "Same@Example.org", "same@EXAMPLE.ORG"]
    results = run_together(session, emails * 2)
    assert results == ["confirmed"] * 8, results
    assert Registration.objects.filter(session=session).count() == 1


def test_concurrent_cancellations_promote_each_waiting_person_once(run_together, shared_database):
    session = example_session(capacity=4)
    run_together(session, [f"p{n}@example.org" for n in range(12)])
    confirmed = list(Registration.objects.filter(session=session).confirmed())
    results = run_threads(shared_database, lambda r: service.cancel(r).status, confirmed)
    assert results == ["cancelled"] * 4, results
    rows = Registration.objects.filter(session=session)
    assert rows.confirmed().count() == 4
    assert rows.waiting().count() == 4
    assert rows.filter(status="cancelled").count() == 4
