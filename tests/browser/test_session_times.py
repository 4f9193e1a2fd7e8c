"""A visitor sees a session's time in their own zone; without the script, nothing is missing."""

import pytest
from playwright.sync_api import expect

from .conftest import foreign_requests

SESSION_ONE = "/en/dialogues/levers-series/anchoring-co-production/"


@pytest.fixture
def context_options():
    return {"locale": "en-US", "timezone_id": "America/New_York"}


def test_the_visitors_own_time_zone_is_added(page, site):
    page.goto(site + SESSION_ONE)
    when = page.locator(".session .when")
    expect(when.locator(".when__text")).to_have_text("15 January 2026, 3-5 pm CET / 2-4 pm GMT")
    local = when.locator(".when__local")
    expect(local).to_be_visible()
    # 14:00 UTC is 9 am in New York in January (EST).
    expect(local).to_contain_text("In your time zone:")
    expect(local).to_contain_text("January 15, 2026")
    expect(local).to_contain_text("9:00")
    expect(local).to_contain_text("11:00")
    expect(local).to_contain_text("America/New_York")
    assert foreign_requests(page, site) == []


def test_a_zone_named_by_its_abbreviation_is_not_named_twice(browser, site):
    context = browser.new_context(timezone_id="UTC", locale="en-GB")
    page = context.new_page()
    page.goto(site + SESSION_ONE)
    local = page.locator(".session .when__local-text")
    expect(local).to_contain_text("14:00")  # British English: the 24-hour clock
    assert local.inner_text().endswith("UTC") and "(UTC)" not in local.inner_text()
    context.close()


def test_the_local_time_is_written_the_visitors_way_in_the_pages_language(browser, site):
    # A British visitor read "January 15, 2026, 2:00 PM" (the page's bare "en" is American).
    context = browser.new_context(timezone_id="Europe/London", locale="en-GB")
    page = context.new_page()
    page.goto(site + SESSION_ONE)
    expect(page.locator(".session .when__local-text")).to_contain_text("15 January 2026")
    # Their English does not reach a French page: its line stays French.
    page.goto(site + "/fr/dialogues/serie-des-leviers/ancrer-durablement-la-co-production/")
    expect(page.locator(".session .when__local-text")).to_contain_text("jeudi 15 janvier 2026")
    context.close()


def test_without_javascript_the_page_is_complete(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(site + "/fr/dialogues/serie-des-leviers/defendre/")
    expect(page.locator(".session .when__text")).to_have_text(
        "16 avril 2026, 15h-17h CEST / 14h-16h BST"
    )
    expect(page.locator(".when__local")).to_be_hidden()
    context.close()
