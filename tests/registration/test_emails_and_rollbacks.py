"""No email for a change that rolled back; every email for one that was kept.

The suite's settings run tasks at once (ImmediateBackend), which sends an email even
when the transaction that asked for it is rolled back. Production queues them in the
database (django_tasks_db), in the caller's transaction (sessions/registration/service.py):
these tests use that backend and its real worker (``manage.py db_worker --batch``), with
real transactions (``transactional_db``).
"""

from unittest import mock

import icalendar
import pytest
from django.db import DatabaseError, transaction
from django_tasks_db.models import DBTaskResult

from sessions.models import Registration, SessionPage
from sessions.registration import service
from tests.helpers import run_worker

pytestmark = pytest.mark.usefixtures("database_tasks")


def data(email):
    return {
        "first_name": "Awa",
        "last_name": "Diallo",
        "email": email,
        "role": "resident",
        "country": "SN",
        "language": "fr",
        "privacy_consent": True,
    }


class Failure(Exception):
    pass


def test_a_sign_up_that_rolled_back_sends_nothing(example_fr, outbox):
    with pytest.raises(Failure), transaction.atomic():
        service.register(example_fr, data("rolled-back@example.org"))
        raise Failure  # whatever fails after it in the same transaction
    assert not Registration.objects.exists()
    assert not DBTaskResult.objects.exists()
    run_worker()
    assert not outbox


def test_a_cancellation_that_failed_half_way_sends_nothing(example_fr, outbox):
    SessionPage.objects.filter(pk=example_fr.pk).update(capacity=1)
    first = service.register(example_fr, data("first@example.org"))
    service.register(example_fr, data("second@example.org"))
    run_worker()
    outbox.clear()

    # A database failure while the freed place is given on cannot be produced on demand
    # here: it is injected, after the cancellation email was queued.
    with mock.patch.object(service, "promote", side_effect=DatabaseError("connection lost")):
        with pytest.raises(DatabaseError):
            service.cancel(first)
    run_worker()
    assert not outbox
    assert Registration.objects.get(pk=first.pk).is_confirmed


def test_a_kept_sign_up_is_emailed_by_the_worker(example_fr, outbox):
    registration = service.register(example_fr, data("kept@example.org"))
    assert not outbox  # queued with the registration, not sent yet
    run_worker()
    (message,) = outbox
    assert message.to == ["kept@example.org"]
    (name, content, mimetype) = message.attachments[0]
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    stored = Registration.objects.get(pk=registration.pk).calendar_sequence
    assert event["SEQUENCE"] == stored > 0
    run_worker()
    assert len(outbox) == 1  # the task ran once
