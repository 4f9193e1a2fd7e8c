"""The admin sends a Content-Security-Policy: enforced where Wagtail allows it, the rest
reported (cms/admin_csp.py).

The attack it limits: a script injected into an admin page (a stored XSS in some field)
loading a plugin, rewriting the base URL of relative links, posting a form to another
site, or the admin being framed by another site to trick an editor into clicks.
"""

import pytest
from django.contrib.auth import get_user_model

from cms.models import HomePage

pytestmark = pytest.mark.django_db


def directives(header):
    policy = {}
    for part in filter(None, (chunk.strip() for chunk in header.split(";"))):
        name, *values = part.split()
        policy[name] = values
    return policy


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("csp-editor", "e@example.org", "pw")
    client.force_login(user)
    return client


def test_every_admin_page_sends_an_enforced_and_a_report_only_policy(client, editor):
    home = HomePage.objects.get(locale__language_code="fr")
    urls = ["/admin/", f"/admin/pages/{home.pk}/edit/", "/admin/documents/", "/admin/images/"]
    for url in urls:
        response = editor.get(url)
        assert response.status_code == 200, url
        enforced = directives(response["Content-Security-Policy"])
        assert enforced["object-src"] == ["'none'"]
        assert enforced["base-uri"] == ["'self'"]
        assert enforced["form-action"] == ["'self'"]
        assert enforced["frame-ancestors"] == ["'self'"]
        # Wagtail 8 runs inline scripts: the policy it should reach is reported only.
        assert "'unsafe-inline'" not in " ".join(enforced.get("script-src", []))
        reported = directives(response["Content-Security-Policy-Report-Only"])
        assert reported["script-src"] == ["'self'"]
        assert reported["default-src"] == ["'self'"]
    client.logout()
    login = client.get("/admin/login/")
    assert directives(login["Content-Security-Policy"])["form-action"] == ["'self'"]


def test_public_pages_keep_their_own_policy(client):
    response = client.get("/fr/")
    assert "Content-Security-Policy-Report-Only" not in response
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]
