"""Following by email in a real browser without JavaScript, in both languages: the link on
the library, the form (with errors, then right), the confirmation button, the manage page
(saving, then leaving). axe-core scans each form page as the visitor saw it, errors shown.

axe-core cannot run in a page whose scripts are off: it waits on timers, which never fire
there, so its promise never settles and Playwright's ``evaluate`` (which has no timeout)
waits for ever; an earlier draft of this test hung there. So each page is scanned in a
second context, with scripts on, that is served the very HTML the script-less browser
was showing at the same address (styles and images still come from the live server).
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from community.models import Subscriber, Unsubscription

from .test_accessibility import scan


@pytest.fixture
def context_options():
    return {"locale": "fr-FR", "timezone_id": "Europe/Paris", "java_script_enabled": False}


@pytest.fixture
def scanner(browser):
    """A page with scripts on, for axe-core, and the dict of what it found."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    page.axe, page.found = Axe(), {}
    yield page
    context.close()


def scan_as_shown(scanner, page, label):
    """Scan what ``page`` (scripts off) shows now; record blocking violations under ``label``."""
    html, url = page.content(), page.url
    scanner.unroute_all()
    scanner.route(
        lambda address: address == url,
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
    )
    scanner.goto(url)
    violations, passed = scan(scanner.axe, scanner)
    assert passed > 10, f"axe did not run on {label}"
    if violations:
        scanner.found[label] = violations


def email_path(message, kind):
    pattern = rf"^https?://[^/\s]+(/\w\w/subscriptions/{kind}[^\s]*/)$"
    return re.search(pattern, message.body, re.M).group(1)


@pytest.mark.parametrize(
    ("language", "library", "words"),
    [
        (
            "fr",
            "/fr/bibliotheque/?lever=financer",
            {
                "follow": "Suivre « Levier : Financer et soutenir »",
                "error": "Veuillez accepter la politique de confidentialité pour suivre.",
                "sent": "Vérifiez votre boîte de réception",
                "confirm": "Oui, je confirme mon abonnement",
                "confirmed": "Votre abonnement est confirmé.",
                "once": "Une fois par mois",
                "saved": "Vos choix sont enregistrés.",
                "leave": "Se désabonner de tout",
                "left": "Vous êtes désabonné·e",
            },
        ),
        (
            "en",
            "/en/library/?lever=financer",
            {
                "follow": "Follow “Lever: Funding and supporting”",
                "error": "Please accept the privacy notice to follow.",
                "sent": "Check your inbox",
                "confirm": "Yes, confirm my subscription",
                "confirmed": "Your subscription is confirmed.",
                "once": "Once a month",
                "saved": "Your choices are saved.",
                "leave": "Unsubscribe from everything",
                "left": "You are unsubscribed",
            },
        ),
    ],
)
def test_follow_confirm_manage_and_leave_without_javascript(
    page, scanner, site, language, library, words
):
    mail.outbox.clear()
    page.goto(f"{site}{library}")
    page.get_by_role("link", name=words["follow"]).click()
    page.locator("input[name=email]").fill("browser@example.org")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_contain_text(words["error"])
    expect(page.locator("input[name=email]")).to_have_value("browser@example.org")
    scan_as_shown(scanner, page, "follow form with errors")

    page.locator("input[name=privacy_consent]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(words["sent"])
    (message,) = mail.outbox
    assert message.to == ["browser@example.org"]
    assert not Subscriber.objects.exists()  # nothing is stored as a subscription yet

    page.goto(site + email_path(message, "confirm"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    scan_as_shown(scanner, page, "confirm page")
    assert not Subscriber.objects.exists()  # opening the link subscribes nobody
    page.get_by_role("button", name=words["confirm"]).click()
    expect(page.locator("[role=status]")).to_have_text(words["confirmed"])
    scan_as_shown(scanner, page, "manage page")
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language) == ("browser@example.org", language)
    assert [follow.topic for follow in subscriber.follows.all()] == ["lever"]

    page.get_by_label(words["once"]).check()
    page.locator("button[name=save]").click()
    expect(page.locator("[role=status]")).to_have_text(words["saved"])
    assert Subscriber.objects.get().frequency == "monthly"

    page.get_by_role("button", name=words["leave"]).click()
    expect(page.locator("h1")).to_have_text(words["left"])
    scan_as_shown(scanner, page, "unsubscribed page")
    assert not Subscriber.objects.exists() and Unsubscription.objects.get().count == 1
    assert not scanner.found, scanner.found
