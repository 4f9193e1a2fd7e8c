from playwright.sync_api import expect

from .conftest import foreign_requests


def test_a_visitor_switches_the_home_page_to_english(page, site):
    page.goto(f"{site}/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Dialogues en co-production"

    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    page.wait_for_url(f"{site}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Co-production Dialogues"
    assert foreign_requests(page, site) == []


def test_the_skip_link_is_the_first_stop_of_the_keyboard(page, site):
    page.goto(f"{site}/en/about-the-dialogues/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    # Following the link is a navigation that completes after the key press returns.
    expect(page.locator("#main")).to_be_focused()
