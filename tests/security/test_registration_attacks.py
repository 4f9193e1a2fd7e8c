"""A script against the registration form: filling seats, flooding inboxes, guessing links.

Double opt-in (sessions/registration/service.py): the form records a request and
emails a link; only a POST on that link's page takes a place. Re-sends are limited per
address and session; the form answers the same whatever happened.
"""

import re

from bs4 import BeautifulSoup
from django.core import mail

from sessions.demo import EXAMPLE_REGISTRATION, EXAMPLE_SLUG
from sessions.models import Registration, RegistrationRequest, SessionPage

SECRETS = (EXAMPLE_REGISTRATION["meeting_url"], EXAMPLE_REGISTRATION["meeting_passcode"])


def text(answer):
    return " ".join(BeautifulSoup(answer.body, "html.parser").get_text(" ").split())


def example():
    return SessionPage.objects.get(slug=EXAMPLE_SLUG)


def sign_up(email):
    return {
        "first_name": "Bot",
        "last_name": "Script",
        "email": email,
        "role": "other",
        "language": "fr",
        "privacy_consent": "on",
        "website": "",
    }


def register_path():
    return f"/fr/registration/{example().pk}/"


def confirm_path(message):
    found = re.search(r"^https?://[^/\s]+(/\S+/registration/confirm/\S+/)$", message.body, re.M)
    assert found, "the request email carries a confirmation link"
    return found.group(1)


def test_a_hundred_scripted_sign_ups_take_no_place(attacker):
    mail.outbox.clear()
    statuses = [
        attacker.post(register_path(), sign_up(f"bot{n}@throwaway.example")).status
        for n in range(100)
    ]
    assert set(statuses) <= {302, 429}, statuses
    assert not Registration.objects.exists()  # no place, no waiting-list position
    # What got through the per-client limit is only requests, each asking its address.
    assert RegistrationRequest.objects.count() == statuses.count(302) <= 20
    assert "complète" not in text(attacker.get(example().url))


def test_resend_flooding_sends_at_most_the_allowed_emails(attacker, settings):
    # The script rotates its client address (a proxy it controls, or a botnet): the
    # per-client limit does not stop it, the per-address limit does.
    settings.FAIRVILLE_TRUSTED_PROXIES = 1
    settings.FAIRVILLE_RATE_LIMITS = {"registration-session": (1000, 600)}
    mail.outbox.clear()
    for n in range(30):
        forwarded = {"X-Forwarded-For": f"198.51.100.{n}"}
        answer = attacker.post(register_path(), sign_up("victim@example.org"), headers=forwarded)
        assert answer.status == 302 and answer.header("Location").endswith("/sent/")
    assert [message.to for message in mail.outbox] == [["victim@example.org"]]
    assert not Registration.objects.exists()


def test_opening_the_confirmation_link_takes_nothing(attacker):
    mail.outbox.clear()
    attacker.post(register_path(), sign_up("scanned@example.org"))
    path = confirm_path(mail.outbox[0])
    # A mail scanner fetches the link, follows it, checks it with HEAD.
    for method in ("GET", "HEAD", "GET"):
        assert attacker.request(method, path).status == 200
    assert not Registration.objects.exists()
    # The page's button takes the place.
    assert attacker.post(path).status == 302
    assert Registration.objects.get().is_confirmed


def test_a_cross_site_confirmation_takes_nothing(attacker):
    mail.outbox.clear()
    attacker.post(register_path(), sign_up("victim@example.org"))
    path = confirm_path(mail.outbox[0])
    forged = {"Origin": "https://hostile.example", "Sec-Fetch-Site": "cross-site"}
    answer = attacker.post(path, headers=forged)
    assert answer.status == 403 and "rien n'a été enregistré" in text(answer)
    assert not Registration.objects.exists()


def test_guessed_or_altered_confirmation_links_find_nothing(attacker):
    mail.outbox.clear()
    attacker.post(register_path(), sign_up("real@example.org"))
    path = confirm_path(mail.outbox[0])
    token = path.rstrip("/").rsplit("/", 1)[1]
    guesses = [
        token[:-2] + ("aa" if not token.endswith("aa") else "bb"),
        token.split(":")[0] + ":forged:signature",
        "0" * 40,
        "%00",
        "x" * 5000,
    ]
    for guess in guesses:
        for method in ("GET", "POST"):
            answer = attacker.request(method, f"/fr/registration/confirm/{guess}/")
            assert answer.status == 404, (guess[:40], method, answer.status)
    assert not Registration.objects.exists()


def test_no_meeting_link_in_the_new_flow(attacker):
    """The privacy check, through the double opt-in: request email, confirmation page,
    the page after confirming, the form's answer; none shows the meeting link."""
    mail.outbox.clear()
    answers = [attacker.post(register_path(), sign_up("priv@example.org"))]
    answers.append(attacker.get(answers[0].header("Location")))
    request_email = mail.outbox[0]
    path = confirm_path(request_email)
    answers += [attacker.get(path), attacker.post(path), attacker.get(path)]
    assert Registration.objects.get().is_confirmed
    bodies = [answer.body for answer in answers]
    bodies += [request_email.body, request_email.alternatives[0][0]]
    for secret in SECRETS:
        assert not [body for body in bodies if secret in body], secret


def test_a_crowd_of_clients_meets_the_sessions_limit(attacker, settings):
    """Per session, whoever sends: a botnet cannot make the site email an unbounded
    number of addresses about one session, through either language's page."""
    settings.FAIRVILLE_TRUSTED_PROXIES = 1
    settings.FAIRVILLE_RATE_LIMITS = {"registration-session": (5, 600)}
    english = SessionPage.objects.get(
        translation_key=example().translation_key, locale__language_code="en"
    )
    paths = [register_path(), f"/en/registration/{english.pk}/"]
    answers = [
        attacker.post(
            paths[n % 2],
            sign_up(f"crowd{n}@example.org"),
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        )
        for n in range(8)
    ]
    assert [answer.status for answer in answers] == [302] * 5 + [429] * 3
    # In each page's language.
    assert "Trop de requêtes" in text(answers[-2]) and "Too many requests" in text(answers[-1])
    assert RegistrationRequest.objects.count() == 5


def test_a_client_over_the_forms_limit_can_still_confirm(attacker, settings):
    """Scopes are per form: a household that sent the form many times can still confirm."""
    settings.FAIRVILLE_RATE_LIMITS = {"registration": (2, 60)}
    mail.outbox.clear()
    statuses = [
        attacker.post(register_path(), sign_up(f"family{n}@example.org")).status for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert attacker.post(confirm_path(mail.outbox[0])).status == 302
    assert Registration.objects.get().is_confirmed
