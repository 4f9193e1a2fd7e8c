"""Personal links (join, cancel) tried as a script would: expired, replayed after the
session was cancelled, unpublished or restricted, prefetched by a mail scanner, guessed
or altered. None of them may reach the meeting link.

The registrations are written directly (the sign-up is not what is tried here); the links
are made by ``tokens.make``, as the emails make them.
"""

import base64
import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from sessions.demo import EXAMPLE_REGISTRATION, EXAMPLE_SLUG
from sessions.models import Registration, SessionPage
from sessions.registration import tokens

MEETING_URL = EXAMPLE_REGISTRATION["meeting_url"]
PASSCODE = EXAMPLE_REGISTRATION["meeting_passcode"]


def text(answer):
    return " ".join(BeautifulSoup(answer.body, "html.parser").get_text(" ").split())


@pytest.fixture
def example(demo_live):
    return SessionPage.objects.get(slug=EXAMPLE_SLUG)


@pytest.fixture
def english(example):
    return SessionPage.objects.get(slug="example-session")


def move(example, starts_in, **fields):
    """Give the session (both languages) a start ``starts_in`` from now, two hours long."""
    start = timezone.now() + starts_in
    SessionPage.objects.filter(translation_key=example.translation_key).update(
        starts_at=start, ends_at=start + timedelta(hours=2), **fields
    )
    return SessionPage.objects.get(pk=example.pk)


def registrant(example, email="ines@example.org"):
    return Registration.objects.create(
        session=example,
        first_name="Inès",
        last_name="K",
        email=email,
        role="resident",
        language="fr",
        privacy_consent=True,
        status=Registration.Status.CONFIRMED,
    )


def link(route, token, language="fr"):
    with translation.override(language):
        return reverse(f"event_sessions:{route}", args=[token])


def assert_no_way_in(answer):
    assert MEETING_URL not in answer.body and PASSCODE not in answer.body
    assert answer.header("Location") != MEETING_URL


def open_join_link(example, language="fr"):
    """A confirmed registrant's join link while the meeting is open (the session starts in
    ten minutes)."""
    session = move(example, timedelta(minutes=10))
    return link("join", tokens.make(registrant(session), tokens.JOIN), language)


def test_an_open_join_link_needs_a_click_even_without_passcode(attacker, example):
    """A mail scanner fetching the link must not land in the meeting: no redirect to it."""
    join = open_join_link(example)
    answer = attacker.get(join)
    assert answer.status == 200 and PASSCODE in answer.body and MEETING_URL in answer.body
    assert answer.header("Referrer-Policy") == "no-referrer"

    SessionPage.objects.filter(translation_key=example.translation_key).update(meeting_passcode="")
    for method in ("GET", "HEAD"):
        answer = attacker.request(method, join)
        assert answer.status == 200, method
        assert answer.header("Location") == ""
        assert answer.header("Referrer-Policy") == "no-referrer"
    page = BeautifulSoup(attacker.get(join).body, "html.parser")
    button = page.find("a", href=MEETING_URL)
    assert button is not None and "noreferrer" in button.get("rel", [])
    assert page.select_one(".join__passcode") is None


def test_links_after_the_session_ended_are_expired(attacker, example):
    session = move(example, -timedelta(hours=3))  # ended an hour ago, window 30 minutes
    registration = registrant(session)
    for language, heading in (("fr", "Ce lien a expiré"), ("en", "This link has expired")):
        answer = attacker.get(link("join", tokens.make(registration, tokens.JOIN), language))
        assert answer.status == 410, language
        assert heading in text(answer)
        assert session.title not in answer.body  # nothing about the registration
        assert_no_way_in(answer)

    # The cancel link, until the session ends: a minute after, it cancels nothing.
    session = move(example, -timedelta(hours=2, minutes=1))
    cancel = link("cancel", tokens.make(registration, tokens.CANCEL))
    assert attacker.get(cancel).status == 410
    csrf = "c" * 32  # a CSRF cookie and field that agree, as a script can send
    answer = attacker.post(
        cancel, data={"csrfmiddlewaretoken": csrf}, headers={"Cookie": f"csrftoken={csrf}"}
    )
    assert answer.status == 410 and "Ce lien a expiré" in text(answer)
    assert Registration.objects.get(pk=registration.pk).is_confirmed


def test_the_expiry_is_signed_and_wins_over_a_later_session(attacker, example):
    """A link made to expire a second ago stays expired, though the session is open now."""
    session = move(example, timedelta(minutes=10))
    registration = registrant(session)
    token = tokens.make(registration, tokens.JOIN, expires=timezone.now() - timedelta(seconds=1))
    answer = attacker.get(link("join", token))
    assert answer.status == 410 and "Ce lien a expiré" in text(answer)
    assert_no_way_in(answer)

    # Moving the expiry in the payload breaks the signature: the link finds nothing.
    payload, signature = token.split(":", 1)
    key, expires = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    later = json.dumps([key, expires + 86400], separators=(",", ":")).encode()
    forged = base64.urlsafe_b64encode(later).decode().rstrip("=") + ":" + signature
    answer = attacker.get(link("join", forged))
    assert answer.status == 404
    assert_no_way_in(answer)


def test_a_cancelled_or_unpublished_sessions_join_link_is_refused(attacker, example):
    join = open_join_link(example)
    pages = SessionPage.objects.filter(translation_key=example.translation_key)
    pages.update(status=SessionPage.Status.CANCELLED)
    answer = attacker.get(join)
    assert answer.status == 410 and "La session a été annulée." in text(answer)
    assert_no_way_in(answer)

    pages.update(status=SessionPage.Status.SCHEDULED)
    assert MEETING_URL in attacker.get(join).body
    SessionPage.objects.get(pk=example.pk).unpublish()
    for url in (join, join.replace("/fr/", "/en/", 1)):
        answer = attacker.get(url)
        assert answer.status == 404, url
        assert example.title not in answer.body
        assert_no_way_in(answer)


def test_a_restricted_sessions_join_link_is_refused(attacker, example, english):
    join = open_join_link(example)
    cases = {
        "session": (example, join),
        "series": (example.get_parent(), join),
        # Only the English page is private: the English link is refused.
        "translation": (english, join.replace("/fr/", "/en/", 1)),
    }
    for case, (page, url) in cases.items():
        assert MEETING_URL in attacker.get(url).body, case
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
        answer = attacker.get(url)
        assert answer.status == 404, case
        assert example.title not in answer.body  # (the series is in the site menu)
        assert_no_way_in(answer)
        restriction.delete()


def test_guessed_and_altered_tokens_find_nothing(attacker, example):
    join = open_join_link(example)
    token = join.rstrip("/").rsplit("/", 1)[1]
    registration = Registration.objects.get(session=example)
    guesses = [
        token[:-1] + ("A" if token[-1] != "A" else "B"),  # altered signature
        token.split(":")[0],  # payload without signature
        tokens.make(registration, tokens.CANCEL),  # the other purpose
        signing.dumps([registration.key.hex, 4102444800], salt=tokens.JOIN, key="guessed-key"),
        signing.dumps(str(registration.key), salt=tokens.JOIN, key="guessed-key"),
        "x" * 2000,
    ]
    for guess in guesses:
        answer = attacker.get(link("join", guess))
        assert answer.status == 404, guess
        assert "Ce lien ne fonctionne plus" in text(answer)
        assert_no_way_in(answer)
