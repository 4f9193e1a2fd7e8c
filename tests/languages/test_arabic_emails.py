"""Emails to a reader of Arabic are written right to left: the HTML says dir="rtl" (on
<body> too, for mail clients that drop <html>'s attributes), and the session's times name
CET/CEST and GMT/BST inside left-to-right isolates."""

import re

import pytest
from django.utils import timezone

from community.emails import confirmation_message
from community.models import SubscriptionRequest
from sessions.demo import EXAMPLE_SLUG
from sessions.models import RegistrationRequest, SessionPage
from sessions.registration.emails import request_message

pytestmark = pytest.mark.django_db

ZONE = re.compile("\u2066(CET|CEST)\u2069 / .*\u2066(GMT|BST)\u2069")


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_the_registration_request_email_in_arabic():
    # Registrations belong to the session's source page; the email links the Arabic one.
    session = SessionPage.objects.get(locale__language_code="fr", slug=EXAMPLE_SLUG)
    pending = RegistrationRequest.objects.create(
        session=session,
        email="reader@example.org",
        language="ar",
        details={"first_name": "Salma", "last_name": "Example"},
        requested_at=timezone.now(),
    )
    message = request_message(pending)
    html = html_of(message)
    assert '<html lang="ar" dir="rtl">' in html
    assert '<body dir="rtl"' in html
    assert "جلسة على سبيل المثال" in html  # the Arabic page's title
    assert ZONE.search(html) and ZONE.search(message.body)


def test_the_follow_confirmation_email_in_arabic():
    pending = SubscriptionRequest.objects.create(
        email="reader@example.org",
        language="ar",
        frequency="weekly",
        follows=[["dialogues", ""]],
        requested_at=timezone.now(),
    )
    html = html_of(confirmation_message(pending))
    assert '<html lang="ar" dir="rtl">' in html
    assert '<body dir="rtl"' in html


def test_a_french_email_stays_left_to_right():
    pending = SubscriptionRequest.objects.create(
        email="lecteur@example.org",
        language="fr",
        frequency="weekly",
        follows=[["dialogues", ""]],
        requested_at=timezone.now(),
    )
    assert '<html lang="fr" dir="ltr">' in html_of(confirmation_message(pending))
