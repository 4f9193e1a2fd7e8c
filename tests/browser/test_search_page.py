"""The search page in a browser: suggestions as you type (search/static/search/suggest.js)
and the page's layout with and without results."""

import re

from playwright.sync_api import Error, expect

from .conftest import foreign_requests

SEARCH = "/fr/recherche/"


def suggestions(page, box):
    return page.locator("#" + box.get_attribute("aria-controls"))


def test_a_visitor_picks_a_suggestion_with_the_keyboard(page, site):
    page.goto(site + SEARCH)
    box = page.locator("#search-q")
    box.press_sequentially("budg", delay=30)
    options = suggestions(page, box).get_by_role("option")
    expect(options.first).to_contain_text("Un budget participatif de quartier")
    expect(box).to_have_attribute("aria-expanded", "true")

    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    box.press("Escape")
    expect(suggestions(page, box)).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.fill("")  # Chromium empties a search box on Escape anyway
    box.press_sequentially("budge", delay=30)
    expect(options.first).to_be_visible()
    box.press("ArrowDown")
    title = options.first.evaluate("option => option.firstChild.textContent")
    box.press("Enter")
    page.wait_for_url(re.compile(r".*/fr/bibliotheque/exemple-budget-participatif-[a-z-]+/$"))
    expect(page.locator("h1")).to_have_text(title)
    assert foreign_requests(page, site) == []


def test_an_answer_for_words_no_longer_in_the_box_is_not_shown(page, site):
    held = []
    # The suggestions' requests wait until the test lets them through.
    page.route("**/recherche/suggestions/**", lambda route: held.append(route))
    page.goto(site + SEARCH)
    box = page.locator("#search-q")
    box.fill("budg")
    for _ in range(40):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the box asked for no suggestions"
    box.fill("b")  # too short to suggest: the list must stay closed
    page.wait_for_timeout(400)
    try:
        held[0].continue_()
    except Error:
        pass  # the page gave up on that request: what the fix does
    page.wait_for_timeout(400)
    expect(suggestions(page, box)).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")


def test_the_results_sit_beside_their_facets_and_the_empty_state_takes_the_width(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + SEARCH + "?q=logement")
    facets = page.locator(".search-facets").bounding_box()
    results = page.locator(".search-results").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"]

    # Without results there are no facets: the empty state had the facets' narrow column.
    page.goto(site + SEARCH + "?q=zqxwvk")
    empty = page.locator(".search-empty").bounding_box()
    layout = page.locator(".search-layout").bounding_box()
    assert empty["width"] > 0.9 * layout["width"]
