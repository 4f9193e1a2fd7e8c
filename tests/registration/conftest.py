import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from cms.translation import sync
from sessions.demo import EXAMPLE_REGISTRATION
from sessions.models import RegistrationRequest, SessionPage
from tests import helpers

MEETING_URL = EXAMPLE_REGISTRATION["meeting_url"]
PASSCODE = EXAMPLE_REGISTRATION["meeting_passcode"]


def soup(response):
    return helpers.soup(response, status=None)


text = helpers.text


def form_data(**fields):
    data = {
        "first_name": "Awa",
        "last_name": "Diallo",
        "email": "awa@example.org",
        "organisation": "",
        "role": "resident",
        "country": "SN",
        "language": "fr",
        "accessibility": "",
        "privacy_consent": "on",
        "website": "",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


def register_url(page):
    with translation.override(page.locale.language_code):
        return reverse("event_sessions:register", args=[page.pk])


@pytest.fixture
def example_fr(fr):
    return SessionPage.objects.get(locale=fr, slug="session-d-exemple")


@pytest.fixture
def example_en(en):
    return SessionPage.objects.get(locale=en, slug="example-session")


def confirm_path(message):
    """The path of a request email's confirmation link, as its reader would open it."""
    found = re.search(r"^http://testserver(/\S+/registration/confirm/\S+/)$", message.body, re.M)
    return found.group(1) if found else None


@pytest.fixture
def submit(client):
    """Post the form for ``page`` as a visitor does; returns the response."""

    def post(page, **fields):
        return client.post(register_url(page), form_data(**fields))

    return post


@pytest.fixture
def register(client, submit):
    """Post the form for ``page``, then confirm it from the email with the page's button,
    as a visitor does (double opt-in); returns the form's response. The request email it
    confirms leaves ``mail.outbox``, which then holds what the confirmation sent."""

    def post(page, **fields):
        before = len(mail.outbox)
        response = submit(page, **fields)
        for message in mail.outbox[before:]:
            if path := confirm_path(message):
                mail.outbox.remove(message)
                # The confirmation page is in the email's language; the test's stays.
                with translation.override(translation.get_language()):
                    assert client.post(path).status_code == 302
        return response

    return post


@pytest.fixture
def set_session(example_fr):
    """Change the example session's settings and times as an editor does (publish, sync)."""

    def change(page=None, **fields):
        page = SessionPage.objects.get(pk=(page or example_fr).pk)
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
        sync(page)
        return SessionPage.objects.get(pk=page.pk)

    return change


def starting_in(delta):
    start = timezone.now() + delta
    return {"starts_at": start, "ends_at": start + timedelta(hours=2)}


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox


def minutes_later(minutes):
    """As if ``minutes`` had passed for every registration request (its clock goes back)."""
    shift = timedelta(minutes=minutes)
    for pending in RegistrationRequest.objects.all():
        pending.requested_at -= shift
        if pending.last_sent_at:
            pending.last_sent_at -= shift
        if pending.day_started_at:
            pending.day_started_at -= shift
        pending.save()
