"""A request that waited too long for a worker gets the 503 page at once (cms/overload.py).

The proxy stamps each request with the moment it passed it on (``X-Request-Start``,
nginx's ``$msec``); here the stamp is written as nginx would write it for a request
that has been in gunicorn's queue for that long. The real queue is seen by the
production rehearsal (scripts/rehearsal/, the faults scenario).
"""

import time

import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db

ABOUT = "/en/about-the-dialogues/"


@pytest.fixture
def behind_nginx(settings):
    settings.FAIRVILLE_TRUSTED_PROXIES = 1
    settings.FAIRVILLE_QUEUE_SECONDS = 5
    return settings


def stamped(seconds_ago):
    return {"HTTP_X_REQUEST_START": f"t={time.time() - seconds_ago:.3f}"}


@pytest.mark.parametrize(
    ("path", "language", "words"),
    [("/fr/", "fr", "momentanément indisponible"), ("/en/", "en", "temporarily unavailable")],
)
def test_a_request_that_waited_too_long_gets_the_503_page_without_a_query(
    behind_nginx, client, django_assert_num_queries, path, language, words
):
    with django_assert_num_queries(0):
        response = client.get(path, **stamped(30))
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert words in html.lower()


def test_a_request_on_time_is_served(behind_nginx, client):
    response = client.get(ABOUT, **stamped(1))
    assert response.status_code == 200
    assert b"About the Dialogues" in response.content


def test_a_page_in_the_cache_is_still_served_however_long_it_waited(behind_nginx):
    behind_nginx.FAIRVILLE_PAGE_CACHE_SECONDS = 300
    cache.clear()
    assert Client().get(ABOUT).status_code == 200  # rendered and stored
    late = Client().get(ABOUT, **stamped(30))
    assert late.status_code == 200
    assert b"About the Dialogues" in late.content


def test_a_form_sent_late_is_not_taken(behind_nginx, client):
    """A registration that waited too long is refused whole (the visitor sends it
    again), never half-done."""
    from django.urls import reverse
    from django.utils import translation

    from sessions.models import Registration, RegistrationRequest, SessionPage

    example = SessionPage.objects.get(slug="session-d-exemple")
    with translation.override(example.locale.language_code):
        url = reverse("event_sessions:register", args=[example.pk])
    before = Registration.objects.count(), RegistrationRequest.objects.count()
    response = client.post(
        url,
        {"email": "late@example.org", "privacy_consent": "on"},
        **stamped(30),
    )
    assert response.status_code == 503
    assert (Registration.objects.count(), RegistrationRequest.objects.count()) == before
