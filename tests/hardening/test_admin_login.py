"""Password guessing on the admin's sign-in is slowed down per client address."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, override_settings

from cms.settings import base

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "right-one")


def sign_in(client, password, address="192.0.2.10", language="en", username="editor"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def signed_in(client):
    return "_auth_user_id" in client.session


@override_settings(FAIRVILLE_RATE_LIMITS=base.FAIRVILLE_RATE_LIMITS)
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Too many sign-in attempts from your address. Please wait 15 minutes"),
        ("fr", "Trop de tentatives de connexion depuis votre adresse. Veuillez patienter 15"),
    ],
)
def test_the_eleventh_attempt_in_15_minutes_is_refused_in_the_users_language(
    editor, language, message
):
    client = Client()
    # Guesses at ten account names: one account's own counter (tests/security/
    # test_signin.py) stays out of it, and the client's limit is reached all the same.
    for number in range(10):
        response = sign_in(client, "guess", language=language, username=f"user{number}")
        assert response.status_code == 200  # the form again, with its usual error
    # Even the right password is not checked once the limit is reached.
    refused = sign_in(client, "right-one", language=language)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "900"
    assert message in refused.content.decode()
    assert b'name="password"' in refused.content  # the sign-in form, ready for later
    assert not signed_in(client)


@override_settings(FAIRVILLE_RATE_LIMITS={"signin": (2, 900)})
def test_other_addresses_and_page_views_are_not_limited(editor):
    guesser = Client()
    for _ in range(2):
        sign_in(guesser, "guess")
    assert sign_in(guesser, "right-one").status_code == 429
    assert guesser.get(LOGIN).status_code == 200

    colleague = Client()
    response = sign_in(colleague, "right-one", address="198.51.100.20")
    assert response.status_code == 302
    assert signed_in(colleague)


@override_settings(FAIRVILLE_RATE_LIMITS={"signin": (2, 900)}, FAIRVILLE_TRUSTED_PROXIES=1)
def test_behind_the_load_balancer_each_client_is_counted_separately(editor):
    balancer = "10.0.0.2"
    client = Client()
    for _ in range(2):
        client.post(
            LOGIN,
            {"username": "editor", "password": "guess"},
            REMOTE_ADDR=balancer,
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    limited = client.post(
        LOGIN,
        {"username": "editor", "password": "right-one"},
        REMOTE_ADDR=balancer,
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert limited.status_code == 429
    other = Client().post(
        LOGIN,
        {"username": "editor", "password": "right-one"},
        REMOTE_ADDR=balancer,
        HTTP_X_FORWARDED_FOR="203.0.113.6",
    )
    assert other.status_code == 302
