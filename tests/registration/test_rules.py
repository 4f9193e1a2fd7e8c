"""The rules of the form: one registration per address, opening and closing, abuse."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django.utils.cache import get_max_age

from sessions.models import OpeningNotice, Registration, SessionPage
from sessions.registration import service

from ..clock import frozen
from .conftest import form_data, minutes_later, register_url, soup, starting_in, text

pytestmark = pytest.mark.django_db


def test_a_repeat_submission_gets_the_same_answer_and_the_email_again(example_fr, register, outbox):
    first = register(example_fr, email="awa@example.org")
    again = register(example_fr, email="  AWA@Example.ORG ", first_name="Someone else")
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    (registration,) = Registration.objects.filter(session=example_fr)
    assert registration.first_name == "Awa"  # a repeat changes nothing
    # One email per ten minutes: the repeat right away sends none, one later sends the
    # current email (with the personal links) again.
    assert [m.to for m in outbox] == [["awa@example.org"]]
    minutes_later(11)
    register(example_fr, email="awa@example.org")
    assert [m.to for m in outbox] == [["awa@example.org"], ["awa@example.org"]]
    assert outbox[0].subject == outbox[1].subject


def test_the_english_page_shares_the_french_places(example_fr, example_en, register, set_session):
    set_session(capacity=1)
    register(example_en, email="one@example.org", language="en")
    register(example_en, email="ONE@example.org", language="en")
    register(example_fr, email="two@example.org")
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"one@example.org": "confirmed", "two@example.org": "waiting"}


def test_someone_who_cancelled_can_register_again(example_fr, register):
    register(example_fr)
    service.cancel(Registration.objects.get())
    minutes_later(11)
    register(example_fr)
    assert Registration.objects.get().is_confirmed


@pytest.mark.parametrize(
    ("language", "message", "summary"),
    [
        ("fr", "Veuillez accepter la politique de confidentialité pour vous inscrire.", "Veuillez"),
        ("en", "Please accept the privacy notice to register.", "Please correct"),
    ],
)
def test_errors_are_listed_in_the_visitors_language_and_linked_to_their_fields(
    example_fr, example_en, register, language, message, summary
):
    page = example_fr if language == "fr" else example_en
    response = register(page, privacy_consent=None, email="not an address")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == language
    errors = html.select_one("#registration-errors")
    assert text(errors).startswith(summary) and errors.has_attr("autofocus")
    targets = [link["href"] for link in errors.select("a")]
    assert targets == ["#registration-email", "#registration-privacy_consent"]
    assert message in text(errors)
    email = html.select_one("#registration-email")
    assert email["aria-invalid"] == "true"
    assert html.select_one(f"#{email['aria-describedby']}") is not None
    assert email["value"] == "not an address"  # nothing typed is lost
    consent = html.select_one("#registration-privacy_consent").find_parent("div")
    privacy = "/fr/politique-de-confidentialite/" if language == "fr" else "/en/privacy-notice/"
    assert consent.select_one(f"a[href='{privacy}']") is not None
    assert not Registration.objects.exists()


def test_a_bot_filling_the_honeypot_is_answered_as_anyone_and_nothing_is_kept(
    example_fr, register, outbox
):
    response = register(example_fr, website="https://spam.example")
    assert response.status_code == 302 and "/sent/" in response["Location"]
    assert not Registration.objects.exists() and not outbox


@override_settings(FAIRVILLE_RATE_LIMITS={"registration": (2, 60)})
def test_too_many_submissions_get_a_friendly_429(example_fr, register):
    register(example_fr, email="a@example.org")
    register(example_fr, email="b@example.org")
    response = register(example_fr, email="c@example.org")
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "Trop de requêtes" in text(soup(response))
    assert Registration.objects.count() == 2


HOSTILE = [
    {"first_name": "Eve\r\nBcc: victim@example.org"},
    {"last_name": "X\nSubject: hi"},
    {"email": "eve@example.org\r\nBcc: victim@example.org"},
    {"first_name": "a" * 10_000},
    {"accessibility": "é" * 10_000},
    {"organisation": "\x00"},
    {"role": "admin"},
    {"country": "ZZ"},
    {"language": "de"},
]


@pytest.mark.parametrize("fields", HOSTILE, ids=lambda f: next(iter(f)))
def test_hostile_input_gets_an_error_never_a_crash(example_fr, register, outbox, fields):
    response = register(example_fr, **fields)
    assert response.status_code == 200
    assert soup(response).select_one("#registration-errors") is not None
    assert not Registration.objects.exists() and not outbox


def test_html_and_unicode_in_names_reach_the_email_escaped_and_as_data(
    example_fr, register, outbox
):
    register(example_fr, first_name="<b>Łukasz</b> 李", last_name="O'Brien & Co")
    (message,) = outbox
    # The greeting names no one: a name is quoted data, never the message's first words.
    assert message.body.startswith("Bonjour,\n")
    assert "Nom indiqué dans le formulaire : « <b>Łukasz</b> 李 O'Brien & Co »" in message.body
    html, _ = message.alternatives[0]
    assert "« &lt;b&gt;Łukasz&lt;/b&gt; 李 O&#x27;Brien &amp; Co »" in html
    assert "<b>Łukasz" not in html
    assert "<p>Bonjour,</p>" in html


def test_registration_closed_shows_no_form_and_takes_nothing(
    client, example_fr, register, set_session
):
    set_session(registration_closes_at=timezone.now() - timedelta(minutes=1))
    page = soup(client.get(example_fr.url))
    assert text(page.select_one("#registration h2")) == "Les inscriptions sont closes"
    assert page.select_one("#registration form") is None
    response = register(example_fr)
    assert response.status_code == 302 and not Registration.objects.exists()


def test_the_page_is_not_cached_past_the_closing_moment(client, example_fr, set_session):
    with frozen() as now:
        set_session(registration_closes_at=now + timedelta(seconds=90))
        assert get_max_age(client.get(example_fr.url)) == 90


def test_before_opening_visitors_ask_to_be_told_and_are_told_once(
    client, example_fr, example_en, set_session, outbox
):
    opens = timezone.now() + timedelta(days=2)
    set_session(registration_opens_at=opens)
    page = soup(client.get(example_en.url))
    assert text(page.select_one("#registration h2")) == "Registration is not open yet"
    assert "Registration opens on" in text(page.select_one("#registration"))
    data = {"email": "Zoe@example.org", "language": "en", "privacy_consent": "on"}
    url = page.select_one("#registration form")["action"].split("#")[0]
    assert client.post(url, data)["Location"].endswith("/noted/")
    client.post(url, {**data, "email": "zoe@EXAMPLE.org"})
    assert OpeningNotice.objects.count() == 1
    early = client.post(register_url(example_en), form_data(email="zoe@example.org"))
    assert early["Location"] == example_en.url + "#registration"  # no place yet
    assert not Registration.objects.exists()

    call_command("send_registration_emails", stdout=StringIO())
    assert not outbox  # still closed
    set_session(registration_opens_at=timezone.now() - timedelta(minutes=1))
    call_command("send_registration_emails", stdout=StringIO())
    call_command("send_registration_emails", stdout=StringIO())
    (message,) = outbox
    assert message.to == ["zoe@EXAMPLE.org"]
    assert message.subject == f"Registration is open: {example_en.title}"
    assert example_en.url in message.body


def test_a_session_to_be_confirmed_offers_to_tell_when_registration_opens(
    client, example_fr, set_session
):
    set_session(
        status=SessionPage.Status.TO_BE_CONFIRMED,
        starts_at=None,
        ends_at=None,
        provisional_month=(timezone.now() + timedelta(days=60)).date(),
    )
    page = soup(client.get(example_fr.url))
    section = page.select_one("#registration")
    assert "Laissez votre adresse e-mail" in text(section)
    assert section.select_one("button").get_text() == "Me prévenir à l'ouverture des inscriptions"


def test_a_session_starting_soon_closes_at_its_start(client, example_fr, register, set_session):
    start = set_session(
        registration_opens_at=None, registration_closes_at=None, **starting_in(timedelta(hours=1))
    ).starts_at
    with frozen(start - timedelta(microseconds=1)):
        on_time = register(example_fr, email="on-time@example.org")
    with frozen(start):
        late = register(example_fr, email="late@example.org")
        assert client.get(example_fr.url).status_code == 200
    assert not on_time["Location"].endswith("#registration")
    assert late["Location"] == example_fr.url + "#registration"  # refused
    assert not Registration.objects.filter(email="late@example.org").exists()


def test_more_places_published_promote_the_waiting_list_in_order(
    example_fr, register, set_session, outbox
):
    set_session(capacity=1)
    for name in ("first", "second", "third"):
        register(example_fr, email=f"{name}@example.org")
    outbox.clear()
    set_session(capacity=2)
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "first@example.org": "confirmed",
        "second@example.org": "confirmed",
        "third@example.org": "waiting",
    }
    (promotion,) = outbox
    assert promotion.to == ["second@example.org"]
