"""Registration and its emails in the registrant's chosen language, among the site's
(issue 19 §5): every configured language is offered, named in itself, and the emails
come in the one chosen, whatever the page's language."""

import pytest
from django.core import mail
from wagtail.models import Locale

from sessions.models import Registration, SessionPage
from tests import helpers
from tests.languages.catalogues import own_words
from tests.registration.conftest import confirm_path, form_data, register_url

pytestmark = pytest.mark.django_db


def test_registering_with_emails_in_an_added_language(client, added_language, languages):
    example = SessionPage.objects.get(
        locale=Locale.objects.get(language_code=languages[0]), slug="session-d-exemple"
    )
    form = helpers.soup(client.get(example.url)).select_one("form.registration__form")
    offered = {
        radio["value"]: helpers.text(radio.find_parent("label"))
        for radio in form.select('input[name="language"]')
    }
    assert list(offered) == languages
    assert offered[added_language] == OWN_NAMES[added_language]

    mail.outbox.clear()
    response = client.post(
        register_url(example), form_data(email="nour@example.org", language=added_language)
    )
    assert response.status_code == 302
    (request,) = mail.outbox
    expected = expected_subject("Confirm your registration: %(title)s", added_language, example)
    assert request.subject == expected
    html, _mimetype = request.alternatives[0]
    assert f'<html lang="{added_language}"' in html
    path = confirm_path(request)
    assert path.startswith(f"/{added_language}/")

    mail.outbox.clear()
    assert client.post(path).status_code == 302
    (confirmation,) = mail.outbox
    expected = expected_subject(
        "Your registration is confirmed: %(title)s", added_language, example
    )
    assert confirmation.subject == expected
    assert f'<html lang="{added_language}"' in confirmation.alternatives[0][0]
    assert Registration.objects.get(email="nour@example.org").language == added_language


OWN_NAMES = {"ar": "العربيّة", "de": "Deutsch"}


def expected_subject(msgid, language, session):
    # The session's title in the registrant's language where it has a version in it (the
    # Arabic demo's example session does), else as written.
    version = session.get_translation_or_none(Locale.objects.get(language_code=language))
    title = version.title if version is not None and version.live else session.title
    return own_words(language, msgid) % {"title": title}
