"""Django's CSRF failure page is the site's (templates/403_csrf.html), wherever a form is
refused: the public forms (tests/security/test_csrf_refusal_page.py) and the admin's,
whose addresses carry no language."""

import pytest
from django.test import Client

from tests import helpers

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "heading"),
    [("en", "Your form could not be sent"), ("fr", "Votre formulaire n'a pas pu être envoyé")],
)
def test_the_admin_sign_in_refused_by_the_csrf_check_gets_the_sites_page(accept, heading):
    browser = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=accept)
    response = browser.post("/admin/login/", {"username": "someone", "password": "secret"})
    page = helpers.soup(response, status=403)
    assert helpers.text(page.h1) == heading
    assert "secret" not in response.content.decode()
