"""The periodic commands: reminders go out once each; personal data goes after 30 days."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from sessions.models import Registration, RegistrationTally, SentReminder
from sessions.registration import tokens

from .conftest import starting_in

pytestmark = pytest.mark.django_db


def send():
    call_command("send_registration_emails", stdout=StringIO())


def test_each_reminder_goes_out_once_to_confirmed_people_only(
    example_fr, register, set_session, outbox
):
    set_session(capacity=2)
    register(example_fr, email="a@example.org")
    register(example_fr, email="b@example.org", language="en")
    register(example_fr, email="c@example.org")  # waiting
    outbox.clear()

    send()
    assert not outbox  # six weeks ahead

    set_session(**starting_in(timedelta(hours=23, minutes=30)))
    send()
    send()
    assert sorted(m.to[0] for m in outbox) == ["a@example.org", "b@example.org"]
    french = next(m for m in outbox if m.to == ["a@example.org"])
    assert french.subject.startswith("Rappel : ") and "commence dans 23 heures" in french.subject
    assert "La session commence dans 23 heures." in french.body
    assert french.attachments  # the .ics with the join link

    outbox.clear()
    set_session(**starting_in(timedelta(minutes=50)))
    send()
    send()
    assert sorted(m.to[0] for m in outbox) == ["a@example.org", "b@example.org"]
    english = next(m for m in outbox if m.to == ["b@example.org"])
    assert "starts in 1 hour" in english.subject
    assert SentReminder.objects.count() == 4


def test_a_late_run_sends_only_the_nearest_reminder(example_fr, register, set_session, outbox):
    register(example_fr)
    outbox.clear()
    set_session(**starting_in(timedelta(minutes=20)))
    send()
    send()
    (message,) = outbox
    assert "1 heure" in message.subject


def test_no_reminder_after_a_cancellation_made_while_the_run_was_going(
    example_fr, register, set_session, outbox, monkeypatch
):
    from sessions.registration import reminders, service

    register(example_fr, email="a@example.org")
    register(example_fr, email="b@example.org")
    set_session(**starting_in(timedelta(hours=23, minutes=30)))
    outbox.clear()
    real = reminders.reminder_transaction

    def cancelled_first(session):
        # "a" cancels after the run read its list, before a's reminder: as another
        # request would, committed in between.
        registration = Registration.objects.get(email="a@example.org")
        service.cancel(registration)
        return real(session)

    monkeypatch.setattr(reminders, "reminder_transaction", cancelled_first)
    send()
    to_a = [m.subject for m in outbox if m.to == ["a@example.org"]]
    to_b = [m.subject for m in outbox if m.to == ["b@example.org"]]
    assert len(to_a) == 1 and not to_a[0].startswith("Rappel"), to_a  # the cancellation only
    assert len(to_b) == 1 and to_b[0].startswith("Rappel : "), to_b


def test_retention_purges_personal_data_and_keeps_anonymous_counts(
    client, example_fr, register, set_session
):
    register(example_fr, email="a@example.org", role="resident", country="SN")
    register(example_fr, email="b@example.org", role="resident", country="SN")
    register(example_fr, email="c@example.org", role="academic", country="FR")
    kept = Registration.objects.get(email="a@example.org")
    join = reverse("event_sessions:join", args=[tokens.make(kept, tokens.JOIN)])

    set_session(**starting_in(-timedelta(days=29, hours=3)))  # ended 29 days ago
    call_command("purge_registrations", stdout=StringIO())
    assert Registration.objects.count() == 3

    set_session(**starting_in(-timedelta(days=31)))
    out = StringIO()
    call_command("purge_registrations", "--days", "30", stdout=out)
    assert "3 registration(s) purged" in out.getvalue()
    assert not Registration.objects.exists()
    counts = {
        (t.role, t.country.code, t.status): t.count
        for t in RegistrationTally.objects.filter(session=example_fr)
    }
    assert counts == {("resident", "SN", "confirmed"): 2, ("academic", "FR", "confirmed"): 1}
    assert client.get(join).status_code == 404

    call_command("purge_registrations", stdout=StringIO())  # nothing left: counts unchanged
    assert sum(RegistrationTally.objects.values_list("count", flat=True)) == 3
