"""Concurrent confirmations (double opt-in): the confirming step takes the places, so it
is the one that must never overbook, on PostgreSQL and on an SQLite file."""

from sessions.demo import EXAMPLE_SLUG
from sessions.models import Registration, RegistrationRequest, SessionPage
from sessions.registration import service

from .test_concurrency import data
from .threads import run_together, shared_database

__all__ = ["shared_database"]  # a fixture

PEOPLE = 16


def test_concurrent_confirmations_take_exactly_the_places(shared_database):
    session = SessionPage.objects.get(slug=EXAMPLE_SLUG)
    SessionPage.objects.filter(pk=session.pk).update(capacity=5)
    for number in range(PEOPLE):
        service.request(session, data(f"person{number}@example.org"))
    pending = list(RegistrationRequest.objects.filter(session=session))
    # Each request confirmed twice at once (a double click in two tabs), all together.
    results = run_together(
        shared_database, lambda request: service.confirm(request).status, pending * 2
    )
    assert set(results) == {"confirmed", "waiting"}, results
    rows = Registration.objects.filter(session=session)
    assert rows.confirmed().count() == 5
    assert rows.waiting().count() == PEOPLE - 5
    assert rows.count() == PEOPLE  # none lost, none doubled
