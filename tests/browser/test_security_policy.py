"""The strict Content-Security-Policy breaks nothing: the browser reports no violation on
any public page type, for a visitor or for a signed-in editor with Wagtail's userbar."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from .conftest import foreign_requests
from .targets import public_pages

# Recorded from the first byte, so nothing the page does on load is missed.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture
def recorded(page):
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    return page


def violations_on(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.cspViolations") + [
        text for text in page.console_errors if "Content Security Policy" in text
    ]


def test_no_public_page_type_trips_the_policy(recorded, site):
    found = {}
    for _, path in public_pages("fr") + public_pages("en"):
        if violations := violations_on(recorded, f"{site}{path}"):
            found[path] = violations
    assert not found, found
    assert foreign_requests(recorded, site) == []


def test_the_editors_userbar_works_under_the_policy(recorded, site):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password")
    recorded.goto(f"{site}/admin/login/")
    recorded.locator("#id_username").fill("editor")
    recorded.locator("#id_password").fill("a-long-password")
    recorded.locator("form.login-form button[type=submit]").click()
    recorded.wait_for_url(f"{site}/admin/")

    assert violations_on(recorded, f"{site}/en/about-the-dialogues/") == []
    trigger = recorded.locator("wagtail-userbar").get_by_role("button").first
    trigger.click()
    expect(recorded.locator("wagtail-userbar").get_by_role("menuitem").first).to_be_visible()
    assert recorded.evaluate("window.cspViolations") == []


def test_the_recorder_sees_a_violation(recorded):
    recorded.route(
        "http://policy.test/",
        lambda route: route.fulfill(
            body='<html><body><img src="https://elsewhere.example/x.png"></body></html>',
            headers={"Content-Type": "text/html", "Content-Security-Policy": "img-src 'self'"},
        ),
    )
    recorded.route("https://elsewhere.example/**", lambda route: route.abort())
    recorded.goto("http://policy.test/")
    recorded.wait_for_function("window.cspViolations.length > 0")
    assert recorded.evaluate("window.cspViolations") == [
        "img-src blocked https://elsewhere.example/x.png"
    ]
