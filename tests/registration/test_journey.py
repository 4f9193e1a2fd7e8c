"""End to end with the test client: register, read the email, join, cancel, promotion."""

from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from sessions import timefmt
from sessions.models import Registration
from sessions.registration import service, tokens

from .conftest import MEETING_URL, PASSCODE, minutes_later, soup, starting_in, text

pytestmark = pytest.mark.django_db


def links(message):
    """(join URL, cancel URL) from an email's text, as a reader would copy them."""
    lines = [line for line in message.body.splitlines() if line.startswith("http://testserver/")]
    join = next((line for line in lines if "/registration/join/" in line), None)
    cancel = next(line for line in lines if "/registration/cancel/" in line)
    return join, cancel


def path(url):
    return url.removeprefix("http://testserver")


def calendar_of(message):
    """(METHOD, the event) of an email's .ics, parsed."""
    (attachment,) = message.attachments
    name, content, mimetype = attachment
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


def calendar_event(message):
    return calendar_of(message)[1]


def test_register_read_the_email_join_cancel_and_promote(
    client, example_fr, example_en, register, set_session, outbox
):
    example_fr = set_session(capacity=1)
    page = client.get(example_fr.url)  # now in the page cache
    assert "complet" not in text(soup(page).select_one("#registration"))

    # Alice registers on the French page and wants her emails in English.
    response = register(example_fr, email="Alice@Example.org", first_name="Alice", language="en")
    assert response.status_code == 302
    assert response["Location"] == reverse("event_sessions:registered", args=[example_fr.pk])
    inbox = client.get(response["Location"])
    assert "Vérifiez votre boîte de réception" in text(soup(inbox))

    (confirmation,) = outbox
    assert confirmation.to == ["Alice@Example.org"]
    assert confirmation.subject == f"Your registration is confirmed: {example_en.title}"
    when = timefmt.format_when(
        example_fr.starts_at, example_fr.ends_at, "en", timefmt.zones_for("Europe/Paris")
    )
    assert when in confirmation.body and (" CET / " in when or " CEST / " in when)
    html, mimetype = confirmation.alternatives[0]
    assert mimetype == "text/html" and when in html and 'lang="en"' in html
    join_url, cancel_url = links(confirmation)
    assert join_url.startswith("http://testserver/en/registration/join/")
    event = calendar_event(confirmation)
    assert str(event["LOCATION"]) == join_url and str(event["URL"]) == join_url
    assert event.decoded("DTSTART") == example_fr.starts_at
    assert str(event["SUMMARY"]) == example_en.title
    assert MEETING_URL not in confirmation.body + html and PASSCODE not in confirmation.body

    # The session is full now, and the cached page says so at once.
    assert "La session est complète" in text(soup(client.get(example_fr.url)))

    # Bob registers on the English page (same address rule, another person): waiting list.
    register(example_en, email="bob@example.org", first_name="Bob", language="fr")
    waiting = outbox[-1]
    assert waiting.subject == f"Vous êtes sur la liste d'attente : {example_fr.title}"
    assert not waiting.attachments
    bob_join, bob_cancel = links(waiting)
    assert bob_join is None  # no way in while waiting
    assert Registration.objects.get(email="bob@example.org").session_id == example_fr.pk

    # Before the window, Alice's link says when it opens, in her language.
    response = client.get(path(join_url))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    opens = timefmt.format_moment(
        example_fr.starts_at - timedelta(minutes=30), "en", timefmt.zones_for("Europe/Paris")
    )
    assert f"Your link opens the meeting from {opens}" in text(soup(response))
    assert MEETING_URL not in response.content.decode() and PASSCODE not in text(soup(response))

    # Inside the window (the session now starts in 10 minutes): the way in.
    set_session(**starting_in(timedelta(minutes=10)))
    response = client.get(path(join_url))
    assert soup(response).select_one(".join__passcode").get_text() == PASSCODE
    assert soup(response).find("a", href=MEETING_URL) is not None
    # Without a passcode, still a page and a click: a mail scanner's GET joins nothing.
    set_session(meeting_passcode="")
    response = client.get(path(join_url))
    assert response.status_code == 200 and response["Referrer-Policy"] == "no-referrer"
    assert soup(response).find("a", href=MEETING_URL) is not None
    assert soup(response).select_one(".join__passcode") is None

    # Alice cancels: a confirmation step first, then the POST.
    confirm = client.get(path(cancel_url))
    assert confirm.status_code == 200
    assert Registration.objects.get(email__iexact="alice@example.org").is_confirmed
    assert soup(confirm).select_one("form[method=post] button") is not None
    outbox.clear()
    done = client.post(path(cancel_url), follow=True)
    assert "Your registration is cancelled" in text(soup(done))
    alice = Registration.objects.get(email__iexact="alice@example.org")
    assert alice.status == Registration.Status.CANCELLED

    # Alice is told in English, Bob is promoted, in French, with his own way in.
    cancelled, promoted = outbox
    assert cancelled.to == ["Alice@Example.org"] and cancelled.subject.startswith(
        "Your registration is cancelled"
    )
    # Her calendar drops the session: the same event, cancelled, superseding the first.
    method, withdrawn = calendar_of(cancelled)
    assert method == "CANCEL" and str(withdrawn["STATUS"]) == "CANCELLED"
    assert str(withdrawn["UID"]) == str(event["UID"])
    assert withdrawn["SEQUENCE"] > event["SEQUENCE"]
    assert withdrawn.decoded("DTSTAMP") >= event.decoded("DTSTAMP")
    assert join_url not in cancelled.attachments[0][1]
    assert promoted.to == ["bob@example.org"]
    assert promoted.subject == f"Une place s'est libérée pour vous : {example_fr.title}"
    bob_join, _ = links(promoted)
    assert str(calendar_event(promoted)["LOCATION"]) == bob_join
    assert Registration.objects.get(email="bob@example.org").is_confirmed

    # Alice's links stop working; Bob's takes him in.
    assert client.get(path(join_url)).status_code == 404
    response = client.get(path(bob_join))
    assert soup(response).find("a", href=MEETING_URL) is not None


def test_a_waiting_persons_link_and_the_end_of_the_session(client, example_fr, set_session):
    set_session(capacity=0)
    with translation.override("fr"):
        data = {
            "first_name": "Chloé",
            "last_name": "M",
            "email": "c@example.org",
            "role": "academic",
            "country": "FR",
            "language": "fr",
            "privacy_consent": True,
        }
        registration = service.register(example_fr, data)
    assert registration.status == Registration.Status.WAITING
    join = reverse("event_sessions:join", args=[tokens.make(registration, tokens.JOIN)])
    assert "liste d'attente" in text(soup(client.get(join)))
    # A cancel token is not a join token, and an altered token finds nothing.
    cancel_token = tokens.make(registration, tokens.CANCEL)
    assert client.get(reverse("event_sessions:join", args=[cancel_token])).status_code == 404
    assert client.get(join[:-3] + "xx/").status_code == 404


def test_cancelling_a_place_withdraws_the_calendar_entry_and_registering_again_restores_it(
    example_fr, register, set_session, outbox, settings, monkeypatch
):
    settings.DEFAULT_FROM_EMAIL = "Dialogues Fairville <dialogues@fairville.invalid>"
    set_session(capacity=1)
    # Everything below happens in the same second (the clock is frozen): each calendar
    # must still supersede the one before, or calendar applications ignore it.
    frozen = timezone.now().replace(microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    register(example_fr, email="carol@example.org", first_name="Carol", language="fr")
    register(example_fr, email="dan@example.org", first_name="Dan", language="fr")
    carol = Registration.objects.get(email="carol@example.org")
    dan = Registration.objects.get(email="dan@example.org")
    assert dan.status == Registration.Status.WAITING
    confirmed = calendar_event(outbox[0])

    # Dan was only waiting: his calendar never had the session, nothing to withdraw.
    service.cancel(dan)
    assert outbox[-1].to == ["dan@example.org"] and not outbox[-1].attachments

    service.cancel(carol)
    method, withdrawn = calendar_of(outbox[-1])
    assert method == "CANCEL" and withdrawn["SEQUENCE"] > confirmed["SEQUENCE"]
    assert withdrawn.decoded("DTSTAMP") == confirmed.decoded("DTSTAMP")  # the same second
    # RFC 5546: a cancellation names its organiser (the sender) and the attendee removed.
    for event in (confirmed, withdrawn):
        assert str(event["ORGANIZER"]) == "mailto:dialogues@fairville.invalid"
        assert event["ORGANIZER"].params["CN"] == "Dialogues Fairville"
    assert str(withdrawn["ATTENDEE"]) == "mailto:carol@example.org"
    assert "ATTENDEE" not in confirmed  # a published event has none

    minutes_later(11)  # one email per address and session in ten minutes
    register(example_fr, email="carol@example.org", first_name="Carol", language="fr")
    method, again = calendar_of(outbox[-1])
    assert method == "PUBLISH" and str(again["STATUS"]) == "CONFIRMED"
    assert str(again["UID"]) == str(withdrawn["UID"])
    assert again["SEQUENCE"] > withdrawn["SEQUENCE"]
