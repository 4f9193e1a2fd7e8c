"""Double opt-in: the form asks, the address confirms on a page with a button."""

from io import StringIO

import pytest
from django.core.management import call_command

from sessions.models import Registration, RegistrationRequest, SessionPage

from .conftest import MEETING_URL, confirm_path, minutes_later, soup, text

pytestmark = pytest.mark.django_db


def test_the_form_takes_no_place_until_the_link_is_confirmed_with_the_button(
    client, example_fr, example_en, submit, set_session, outbox
):
    set_session(capacity=1)
    response = submit(example_fr, email="Alice@Example.org", first_name="Alice", language="en")
    assert response.status_code == 302 and response["Location"].endswith("/sent/")
    inbox = text(soup(client.get(response["Location"])))
    assert "Votre place n'est pas encore réservée" in inbox
    assert "Le lien fonctionne pendant 48 heures." in inbox
    assert not Registration.objects.exists()
    assert "complète" not in text(soup(client.get(example_fr.url)))

    # The email, in her language, asks her to confirm; it gives no way in yet.
    (request_email,) = outbox
    assert request_email.to == ["Alice@Example.org"]
    assert request_email.subject == f"Confirm your registration: {example_en.title}"
    assert request_email.body.startswith("Hello,\n")
    assert "The link works for 48 hours." in request_email.body
    assert "/registration/join/" not in request_email.body and not request_email.attachments
    assert MEETING_URL not in request_email.body + request_email.alternatives[0][0]
    path = confirm_path(request_email)
    assert path.startswith("/en/registration/confirm/")

    # Opening the link (as a mail scanner does) takes nothing: a page with a button.
    for _ in range(2):
        page = client.get(path)
        assert page.status_code == 200
        assert "no-store" in page["Cache-Control"] and page["Referrer-Policy"] == "same-origin"
    html = soup(page)
    assert html.select_one("form[method=post] button").get_text() == "Yes, confirm my registration"
    assert "Alice Diallo" in text(html) and "Alice@Example.org" in text(html)
    assert not Registration.objects.exists() and len(outbox) == 1

    # The button takes the place; the email is the usual confirmation, with the links.
    done = client.post(path, follow=True)
    assert "Your registration is confirmed" in text(soup(done))
    (alice,) = Registration.objects.all()
    assert alice.is_confirmed and alice.email == "Alice@Example.org" and alice.language == "en"
    confirmation = outbox[-1]
    assert confirmation.subject == f"Your registration is confirmed: {example_en.title}"
    assert "/en/registration/join/" in confirmation.body and confirmation.attachments
    assert "La session est complète" in text(soup(client.get(example_fr.url)))

    # Confirming again changes nothing and sends nothing.
    client.post(path)
    assert Registration.objects.count() == 1 and len(outbox) == 2

    # The next person confirms into the waiting list, and the page says so.
    submit(example_fr, email="bob@example.org", first_name="Bob")
    bob_path = confirm_path(outbox[-1])
    assert "Vous êtes sur la liste d'attente" in text(soup(client.post(bob_path, follow=True)))
    assert Registration.objects.get(email="bob@example.org").status == "waiting"


def test_an_unconfirmed_request_expires_and_is_purged(client, example_fr, submit, outbox):
    submit(example_fr, email="late@example.org")
    submit(example_fr, email="fresh@example.org")
    late = confirm_path(outbox[0])
    minutes_later(48 * 60 + 1)
    submit(example_fr, email="fresh@example.org")  # asks again: a new 48 hours
    page = client.get(late)
    assert page.status_code == 410 and "Ce lien a expiré" in text(soup(page))
    assert client.post(late).status_code == 410
    assert not Registration.objects.exists()

    out = StringIO()
    call_command("purge_registrations", stdout=out)
    assert "1 expired registration request(s) purged." in out.getvalue()
    assert list(RegistrationRequest.objects.values_list("email", flat=True)) == [
        "fresh@example.org"
    ]
    assert client.get(late).status_code in (404, 410)


def test_the_expiry_is_a_setting(client, example_fr, submit, outbox, settings):
    settings.FAIRVILLE_REGISTRATION_REQUEST_HOURS = 2
    submit(example_fr, email="a@example.org")
    assert "Le lien fonctionne pendant 2 heures." in outbox[0].body
    minutes_later(121)
    assert client.post(confirm_path(outbox[0])).status_code == 410
    call_command("purge_registrations", stdout=StringIO())
    # Kept a day all the same: the limit on emails per day counts on it.
    assert RegistrationRequest.objects.count() == 1
    minutes_later(24 * 60)
    call_command("purge_registrations", stdout=StringIO())
    assert not RegistrationRequest.objects.exists()


def test_an_address_gets_one_email_per_ten_minutes_and_three_a_day(
    client, example_fr, submit, outbox
):
    for _ in range(5):
        assert submit(example_fr, email="target@example.org").status_code == 302
    assert len(outbox) == 1
    for expected in (2, 3, 3, 3):  # ten minutes later each time: three in a day at most
        minutes_later(11)
        submit(example_fr, email="TARGET@example.org")
        assert len(outbox) == expected
    minutes_later(24 * 60)
    submit(example_fr, email="target@example.org")
    assert len(outbox) == 4
    # The latest request is what a link confirms; every link of the day confirms it.
    submit(example_fr, email="target@example.org", first_name="Latest")
    client.post(confirm_path(outbox[0]))
    assert Registration.objects.get().first_name == "Latest"


def test_requests_forget_no_cached_page(client, example_fr, submit, settings):
    """An anonymous flood of requests must not empty the page cache: a request shows on
    no public page until it is confirmed (then only its session's pages are forgotten)."""
    settings.FAIRVILLE_PAGE_CACHE_SECONDS = 300
    before = client.get(example_fr.url).content
    # Changed behind the cache's back (no signal): only a forgotten page would show it.
    SessionPage.objects.filter(pk=example_fr.pk).update(title="Changed without a signal")
    for number in range(3):
        submit(example_fr, email=f"flood{number}@example.org")
    assert client.get(example_fr.url).content == before
