"""Journey 1: a visitor finds the example session, registers by keyboard alone, confirms
from the email (double opt-in), reads the next email, and cancels; then the same without
JavaScript, in English.

One test, two browser contexts: every live-server test reloads the whole demo.
"""

import re

from django.core import mail
from playwright.sync_api import expect

from sessions.models import Registration

from .conftest import foreign_requests

EXAMPLE_FR = "Session d'exemple — essayer l'inscription"
EXAMPLE_EN = "/en/dialogues/example-series/example-session/"


def link_in(message, kind):
    return re.search(rf"http://\S+/registration/{kind}/\S+/", message.body).group(0)


def tab_to(page, selector, limit=120):
    """Press Tab until ``selector`` has the focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def on_site(url, site):
    return site + url[url.index("/", len("http://")) :]


def test_a_visitor_registers_by_keyboard_reads_the_email_and_cancels(browser, site):
    mail.outbox.clear()
    context = browser.new_context(locale="fr-FR", timezone_id="America/Toronto")
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))

    page.goto(f"{site}/fr/")
    # The home page announces the next session: the example, in the example series.
    page.get_by_role("link", name="Programme et inscription").click()
    expect(page.locator("h1")).to_have_text(EXAMPLE_FR)
    expect(page.locator(".when__local")).to_contain_text("America/Toronto")

    # By keyboard alone: a first try without the consent, then the error summary.
    tab_to(page, "#registration-first_name")
    page.keyboard.type("Awa")
    page.keyboard.press("Tab")
    page.keyboard.type("Diallo")
    page.keyboard.press("Tab")
    page.keyboard.type("awa@example.org")
    tab_to(page, "#registration-role", limit=3)
    page.keyboard.type("Habitant")
    expect(page.locator("#registration-role")).to_have_value("resident")
    tab_to(page, "button[type=submit]", limit=20)
    page.keyboard.press("Enter")

    summary = page.locator("#registration-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Veuillez accepter la politique de confidentialité")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the summary's link to the consent box
    expect(page.locator("#registration-privacy_consent")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#registration-first_name")).to_have_value("Awa")  # nothing lost
    tab_to(page, "button[type=submit]", limit=10)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Vérifiez votre boîte de réception")

    # Double opt-in: the email asks to confirm; opening its link takes nothing yet.
    (request,) = mail.outbox
    assert request.to == ["awa@example.org"]
    assert request.subject == f"Confirmez votre inscription : {EXAMPLE_FR}"
    page.goto(on_site(link_in(request, "confirm"), site))
    assert not Registration.objects.exists()
    page.get_by_role("button", name="Oui, je confirme mon inscription").click()
    expect(page.locator("h1")).to_have_text("Votre inscription est confirmée")

    request, message = mail.outbox
    assert message.to == ["awa@example.org"]
    assert message.subject == f"Votre inscription est confirmée : {EXAMPLE_FR}"
    assert "CET / " in message.body or "CEST / " in message.body
    page.goto(on_site(link_in(message, "cancel"), site))
    page.get_by_role("button", name="Oui, annuler mon inscription").click()
    expect(page.locator("h1")).to_have_text("Votre inscription est annulée")
    assert Registration.objects.get().status == "cancelled"
    assert foreign_requests(page, site) == []
    context.close()

    # Without JavaScript, in English: register, then cancel.
    mail.outbox.clear()
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(site + EXAMPLE_EN)
    form = page.locator("#registration form")
    form.get_by_label("First name").fill("Ben")
    form.get_by_label("Last name").fill("Okafor")
    form.get_by_role("textbox", name="Email").fill("ben@example.org")
    form.get_by_label("You are").select_option("academic")
    form.get_by_label("Country (optional)").select_option("NG")
    form.get_by_label("English", exact=True).check()
    form.get_by_label("I agree that the organisers keep these details").check()
    form.get_by_role("button", name="Register").click()
    expect(page.locator("h1")).to_have_text("Check your inbox")
    page.goto(on_site(link_in(mail.outbox[0], "confirm"), site))
    page.get_by_role("button", name="Yes, confirm my registration").click()
    expect(page.locator("h1")).to_have_text("Your registration is confirmed")
    request, message = mail.outbox
    assert message.subject.startswith("Your registration is confirmed")
    page.goto(on_site(link_in(message, "cancel"), site))
    page.get_by_role("button", name="Yes, cancel my registration").click()
    expect(page.locator("h1")).to_have_text("Your registration is cancelled")
    assert Registration.objects.get(email="ben@example.org").status == "cancelled"
    context.close()
