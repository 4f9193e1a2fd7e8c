"""During a wave of sign-ups, the form's request (the first step of the double opt-in)
and the periodic reminders do not wait for the confirmations, which all hold the
session's lock, nor make them wait; two requests of one address still wait for each
other. Real threads with their own connections.

A request that waited for the session's lock held a web worker meanwhile: in the
production rehearsal's wave (docs/deploy.md), pages queued behind workers that waited
for the confirmations of other people.
"""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from sessions.demo import EXAMPLE_SLUG
from sessions.models import Registration, RegistrationRequest, SentReminder, SessionPage
from sessions.registration import reminders, service

from .conftest import confirm_path
from .test_concurrency import data
from .threads import shared_database

__all__ = ["shared_database"]  # a fixture

# How long a thread waits for the other before the test gives up on it: only reached
# when the behaviour is broken (a request blocked behind a lock it must not take).
PATIENCE = 15


def in_thread(connect, work):
    def run():
        try:
            connect()
            work()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_request_does_not_wait_for_a_confirmation_holding_the_session(shared_database):
    """SQLite locks the whole database for any write: this holds on PostgreSQL."""
    session = SessionPage.objects.get(slug=EXAMPLE_SLUG)
    holding, requested = threading.Event(), threading.Event()
    seen = {}

    def confirmation():  # holds the session's lock, as service.confirm does
        with service.locked(session):
            holding.set()
            seen["request done while held"] = requested.wait(PATIENCE)

    def request():
        holding.wait(PATIENCE)
        service.request(SessionPage.objects.get(pk=session.pk), data("new@example.org"))
        requested.set()

    threads = [in_thread(shared_database, confirmation), in_thread(shared_database, request)]
    for thread in threads:
        thread.join(PATIENCE * 3)
    assert seen == {"request done while held": True}
    assert RegistrationRequest.objects.for_email(session, "new@example.org").count() == 1


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_reminders_do_not_wait_for_a_confirmation_holding_the_session(shared_database):
    """The periodic command runs at a lower CPU priority than the web workers: a lock it
    held kept confirmations waiting for a process the scheduler puts last."""
    session = SessionPage.objects.get(slug=EXAMPLE_SLUG)
    start = timezone.now() + timedelta(minutes=50)  # the one-hour reminder is due
    SessionPage.objects.filter(translation_key=session.translation_key).update(
        starts_at=start, ends_at=start + timedelta(hours=2), reminder_hours="24, 1"
    )
    for number in range(3):
        Registration.objects.create(
            session=session, first_name="A", last_name="B", email=f"p{number}@example.org",
            role="resident", language="fr", status="confirmed",
        )  # fmt: skip
    mail.outbox.clear()
    holding, reminded = threading.Event(), threading.Event()
    seen = {}

    def confirmation():
        with service.locked(session):
            holding.set()
            seen["reminders sent while held"] = reminded.wait(PATIENCE)

    def reminder_run():
        holding.wait(PATIENCE)
        seen["sent"] = reminders.send_reminders()
        reminded.set()

    threads = [in_thread(shared_database, confirmation), in_thread(shared_database, reminder_run)]
    for thread in threads:
        thread.join(PATIENCE * 3)
    assert seen == {"reminders sent while held": True, "sent": 3}
    assert SentReminder.objects.filter(hours=1).count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{n}@example.org" for n in range(3)]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_two_requests_of_one_address_wait_for_each_other(shared_database):
    session = SessionPage.objects.get(slug=EXAMPLE_SLUG)
    holding, order = threading.Event(), []

    def first():
        with service.locked_address(session, "same@example.org"):
            holding.set()
            # Until the second request waits for this lock (PostgreSQL says so).
            with connection.cursor() as cursor:
                for _ in range(PATIENCE * 10):
                    cursor.execute(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    )
                    if cursor.fetchone()[0]:
                        break
                    threading.Event().wait(0.1)
            order.append("first released")

    def second():
        holding.wait(PATIENCE)
        service.request(SessionPage.objects.get(pk=session.pk), data("Same@Example.org "))
        order.append("second done")

    threads = [in_thread(shared_database, first), in_thread(shared_database, second)]
    for thread in threads:
        thread.join(PATIENCE * 3)
    assert order == ["first released", "second done"]
    assert RegistrationRequest.objects.for_email(session, "same@example.org").count() == 1


# The confirming step (the POST of the email's link) holds the session's lock for most
# of its queries: every confirmation of a wave waits for them. Measured: 18 on SQLite
# (19 when a new registration also cleared its answers, which it cannot have yet).
CONFIRM_QUERIES = 18


def test_a_confirmation_makes_a_bounded_number_of_queries(
    client, example_fr, register, submit, outbox, django_assert_max_num_queries
):
    register(example_fr, email="first@example.org")
    assert submit(example_fr, email="second@example.org").status_code == 302
    path = confirm_path(outbox[-1])
    with django_assert_max_num_queries(CONFIRM_QUERIES):
        assert client.post(path).status_code == 302
    assert "second@example.org" in [message.to[0] for message in outbox]
