"""The site works with JavaScript turned off: reading, moving around, switching language,
adding a session to a calendar, searching, filtering the library. Scripts only add to pages
that are complete without them.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import foreign_requests
from .targets import public_pages

SESSION_FR = "Ancrer durablement la co-production porteuse de sens"
SESSION_EN = "Anchoring meaningful co-production for the long term"


@pytest.fixture
def context_options():
    return {"locale": "fr-FR", "timezone_id": "America/Toronto", "java_script_enabled": False}


def test_a_visitor_reads_a_session_and_switches_language_without_javascript(page, site):
    page.goto(f"{site}/fr/")
    page.get_by_role("navigation", name="Principal").get_by_role(
        "link", name="Série des leviers"
    ).click()
    expect(page.locator("h1")).to_have_text("Série des leviers")

    page.get_by_role("link", name=SESSION_FR).click()
    expect(page.locator("h1")).to_have_text(SESSION_FR)
    expect(page.locator(".when__text")).to_have_text("15 janvier 2026, 15h-17h CET / 14h-16h GMT")
    # The visitor's own zone is the script's addition: without it, no empty label shows.
    expect(page.locator(".when__local")).to_be_hidden()

    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(SESSION_EN)
    expect(page.locator(".when__text")).to_have_text("15 January 2026, 3-5 pm CET / 2-4 pm GMT")
    assert foreign_requests(page, site) == []


def test_a_visitor_adds_a_session_to_their_calendar_without_javascript(page, site):
    page.goto(f"{site}/en/dialogues/levers-series/anchoring-co-production/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert content.startswith("BEGIN:VCALENDAR")
    assert "Anchoring meaningful co-production" in content


def test_the_skip_link_works_without_javascript(page, site):
    page.goto(f"{site}/fr/a-propos-des-dialogues/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Aller au contenu principal")).to_be_focused()
    page.keyboard.press("Enter")
    # Playwright learns of a same-document navigation by an event: wait for it.
    expect(page).to_have_url(re.compile(r"#main$"))


def test_every_public_page_type_is_readable_without_javascript(page, site):
    for language, menu_name in (("fr", "Principal"), ("en", "Main")):
        for _, path in public_pages(language):
            page.goto(f"{site}{path}")
            heading = page.locator("main h1")
            expect(heading).to_be_visible()
            assert heading.inner_text().strip(), f"{path}: empty heading"
            assert len(page.locator("main").inner_text()) > 40, f"{path}: nearly empty"
            menu = page.get_by_role("navigation", name=menu_name)
            expect(menu.get_by_role("link").first).to_be_visible()


def test_a_visitor_searches_and_filters_without_javascript(page, site):
    # The site search from the header: a plain GET form, facets are plain links.
    page.goto(f"{site}/fr/a-propos-des-dialogues/")
    page.get_by_role("search").get_by_role("searchbox").fill("co-production")
    page.get_by_role("search").get_by_role("button", name="Recherche", exact=True).click()
    page.wait_for_url("**/fr/recherche/?q=co-production")
    hits = page.locator(".search-hit").count()
    assert hits > 0
    facet = page.locator(".search-facet a").first
    label = facet.inner_text()
    facet.click()
    page.wait_for_url("**/fr/recherche/?*q=co-production*")
    expect(page.locator(".search-facet a.is-selected")).to_contain_text(label.split(" (")[0])
    assert 0 < page.locator(".search-hit").count() <= hits
    page.locator(".search-hit__title a").first.click()
    expect(page.locator("main h1")).to_be_visible()

    # The library: keywords, then two filters from two facets, then one removed.
    page.goto(f"{site}/en/library/")
    page.get_by_label("Keywords").fill("evictions")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/en/library/?q=evictions**")
    expect(page.locator(".case")).to_have_count(3)
    page.locator('input[name="lab"][value="berlin"]').check()
    page.locator('input[name="lever"][value="defendre"]').check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**lab=berlin**")
    expect(page.locator("#results-heading")).to_have_text("1 case study")
    page.locator(".active-filters a", has_text="Fairville Lab Berlin").click()
    page.wait_for_url(lambda url: "lab=berlin" not in url and "lever=defendre" in url)
    assert page.locator(".case").count() >= 1
    assert foreign_requests(page, site) == []
