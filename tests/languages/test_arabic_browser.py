"""Arabic in a real browser (Debian's Chromium), on a phone-sized screen: the home page,
a case study from the Cairo lab, the library with a filter, and the registration form
with errors are right to left, never scroll sideways at 390 px, and axe finds no serious
or critical WCAG 2.1 A/AA issue; the error summary takes the focus and its links move it
to their field. The interface strings are whatever the Arabic catalogues hold: these
checks are about structure, direction and focus.

One test: every live-server test restores the whole demo.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from practices.models import CaseStudyPage, LibraryPage
from sessions.models import SessionPage
from tests.browser.conftest import browser, page, site  # noqa: F401 (fixtures)
from tests.browser.test_accessibility import scan

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def context_options():
    return {"locale": "ar-EG", "timezone_id": "Africa/Cairo", "viewport": PHONE}


def arabic_paths():
    case = CaseStudyPage.objects.live().get(locale__language_code="ar", lab__slug="le-caire")
    library = LibraryPage.objects.live().get(locale__language_code="ar")
    session = SessionPage.objects.live().get(locale__language_code="ar")
    return {
        "home": "/ar/",
        "case study": case.url,
        "library with a filter": f"{library.url}?lab=le-caire",
        "registration form": session.url,
    }


def layout(tab):
    """The document's direction and how far it reaches beyond the screen's width."""
    return tab.evaluate(
        """() => ({
            dir: document.documentElement.getAttribute("dir"),
            lang: document.documentElement.lang,
            computed: getComputedStyle(document.body).direction,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        })"""
    )


def test_arabic_pages_are_right_to_left_fit_a_phone_and_pass_axe(page, site):  # noqa: F811
    paths = arabic_paths()
    axe, found = Axe(), {}

    def check(label):
        shown = layout(page)
        assert (shown["dir"], shown["lang"], shown["computed"]) == ("rtl", "ar", "rtl"), label
        assert shown["overflow"] <= 0, f"{label}: {shown['overflow']} px to scroll sideways"
        violations, passed = scan(axe, page)
        assert passed > 10, f"axe did not run on {label}"
        if violations:
            found[label] = violations

    for label in ("home", "case study"):
        assert page.goto(site + paths[label]).status == 200, label
        check(label)

    # The library with one lab chosen: its box is ticked, results are listed, and the
    # facets read right to left (each box to the right of its label).
    assert page.goto(site + paths["library with a filter"]).status == 200
    option = page.locator(".facet__option", has=page.locator("input[value='le-caire']"))
    expect(option.locator("input")).to_be_checked()
    assert page.locator(".case").count() >= 1
    box, label = option.locator("input").bounding_box(), option.locator("span").first.bounding_box()
    assert box["x"] > label["x"] + label["width"] - 1, (box, label)
    # The map keeps its geography: a lab's name is drawn east of (after) its square.
    marker = page.locator(".marker--lab").first
    square, name = marker.locator("rect").bounding_box(), marker.locator("text").bounding_box()
    assert name["x"] > square["x"] + square["width"] / 2, (square, name)
    check("library with a filter")

    # The registration form sent empty: the summary of errors is shown and focused, and
    # its first link takes the focus to its field.
    assert page.goto(site + paths["registration form"]).status == 200
    # The session's times in Latin digits, like the visitor's own zone added by the script.
    expect(page.locator(".when__local")).to_contain_text("Africa/Cairo")
    for line in (".when__text", ".when__local-text"):
        text = page.locator(line).first.inner_text()
        assert not re.search("[\u0660-\u0669]", text) and re.search("[0-9]", text), text
    assert re.search("CES?T", page.locator(".when__text").first.inner_text())
    page.click("#registration button")
    summary = page.locator("#registration-errors")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    first = summary.locator("a").first
    field_id = first.get_attribute("href")[1:]
    first.click()
    expect(page.locator(f"[id='{field_id}']")).to_be_focused()
    # The summary sits against the right-hand edge, where Arabic lines start.
    edge = summary.bounding_box()
    assert edge["x"] + edge["width"] > PHONE["width"] - 40, edge
    check("registration form with errors")

    assert not found, found
