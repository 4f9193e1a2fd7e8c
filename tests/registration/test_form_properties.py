"""Property-based: whatever a client posts to the registration forms, no server error."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessions.models import Registration

from .conftest import form_data, register_url

pytestmark = pytest.mark.django_db

# Anything a browser can send: no lone surrogates (they cannot be encoded in UTF-8).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
VALUES = st.one_of(
    TEXT,
    st.sampled_from(["", "on", "fr", "en", "resident", "FR", "a@b.co", "A@B.CO", "\r\n"]),
    st.text(max_size=5).map(lambda s: s * 2000),  # long input
)
FIELDS = list(form_data()) + ["interpretation", "news_consent", "unknown"]
PROPERTIES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@override_settings(
    FAIRVILLE_RATE_LIMITS={"registration": (10_000, 60), "registration-session": (10_000, 60)}
)
@PROPERTIES
@given(data=st.dictionaries(st.sampled_from(FIELDS), VALUES))
def test_any_registration_post_is_answered_without_server_error(client, example_fr, data):
    response = client.post(register_url(example_fr), {**form_data(), **data})
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert b'id="registration-errors"' in response.content
    for registration in Registration.objects.all():
        assert "\n" not in registration.first_name + registration.last_name + registration.email


@override_settings(
    FAIRVILLE_RATE_LIMITS={
        "registration-notice": (10_000, 60),
        "registration-notice-session": (10_000, 60),
    }
)
@PROPERTIES
@given(data=st.dictionaries(st.sampled_from(["email", "language", "privacy_consent"]), VALUES))
def test_any_opening_notice_post_is_answered_without_server_error(client, example_fr, data):
    with translation.override("fr"):
        url = reverse("event_sessions:notify", args=[example_fr.pk])
    response = client.post(url, data)
    assert response.status_code in (200, 302)


@PROPERTIES
@given(token=TEXT)
def test_any_personal_link_is_answered_without_server_error(client, token):
    for route in ("event_sessions:join", "event_sessions:cancel"):
        try:
            with translation.override("en"):
                url = reverse(route, args=[token])
        except NoReverseMatch:  # a token the URL pattern cannot hold
            continue
        assert client.get(url).status_code in (200, 404)
