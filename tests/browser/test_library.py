"""Journey 2: a practitioner reading English uses the case-study library."""

import pytest

from .conftest import foreign_requests


@pytest.fixture
def context_options():
    return {"locale": "en-GB", "timezone_id": "Europe/London"}


def test_a_practitioner_filters_the_library_opens_a_case_and_reads_it_in_french(page, site):
    page.goto(f"{site}/en/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Case-study library"
    ).click()
    page.wait_for_url(f"{site}/en/library/")

    # Searches, then combines two filters from two facets.
    page.get_by_label("Keywords").fill("evictions")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/en/library/?q=evictions**")
    assert page.locator(".case").count() == 3
    page.locator('input[name="lab"][value="berlin"]').check()
    page.locator('input[name="lever"][value="defendre"]').check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**lab=berlin**")
    assert "lever=defendre" in page.url and "q=evictions" in page.url
    assert page.locator("#results-heading").inner_text() == "1 case study"
    chips = page.locator(".active-filters a").all_inner_texts()
    assert any("Fairville Lab Berlin" in chip for chip in chips)

    # The back button returns to the previous state: it lives in the URL.
    page.go_back()
    page.wait_for_url("**/en/library/?q=evictions**")
    assert page.locator(".case").count() == 3
    page.go_forward()
    page.wait_for_url("**lab=berlin**")

    page.get_by_role(
        "link", name="A legal help desk against evictions in Berlin", exact=True
    ).click()
    page.wait_for_url(f"{site}/en/library/example-legal-help-desk-berlin/")
    assert page.locator("h1").inner_text() == "A legal help desk against evictions in Berlin"

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    page.wait_for_url(f"{site}/fr/bibliotheque/exemple-permanence-juridique-berlin/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert (
        page.locator("h1").inner_text() == "Une permanence juridique contre les expulsions à Berlin"
    )
    assert page.locator(".case-study__facts").get_by_role("link", name="droit au logement").count()
    assert foreign_requests(page, site) == []


def test_the_map_loads_nothing_from_elsewhere_and_its_markers_lead_to_labs(page, site):
    page.goto(f"{site}/en/library/")
    svg = page.locator(".library-map svg")
    svg.scroll_into_view_if_needed()
    assert svg.is_visible()
    # The land drawing is served by the site itself.
    land = [url for url in page.requested_urls if "land.svg" in url]
    assert land and all(url.startswith(site) for url in land)
    page.locator('a.marker--lab[href="/en/library/labs/dakar/"]').click()
    page.wait_for_url(f"{site}/en/library/labs/dakar/")
    assert page.locator("h1").inner_text() == "Fairville Lab Dakar"
    assert page.locator(".case").count() >= 3
    assert foreign_requests(page, site) == []


# Each lab's name as Chromium draws it, and its square, in the map's units.
LAB_BOXES = """() => [...document.querySelectorAll('.library-map .marker--lab')].map(a => {
  const name = a.querySelector('text').getBBox(), square = a.querySelector('rect');
  const x = square.x.baseVal.value, y = square.y.baseVal.value;
  return {text: a.querySelector('text').textContent,
          name: [name.x, name.y, name.x + name.width, name.y + name.height],
          square: [x - 7, y - 7, x + 7, y + 7]};
})"""


def test_every_lab_is_named_on_the_map_where_it_can_be_read(page, site):
    def overlap(one, other):
        return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]

    for path, cities in (("/en/library/", "Cairo"), ("/fr/bibliotheque/", "Le Caire")):
        page.goto(site + path)
        labs = page.evaluate(LAB_BOXES)
        assert len(labs) == 7 and cities in [lab["text"] for lab in labs]
        width = page.locator(".library-map svg").get_attribute("viewBox").split()[2]
        for lab in labs:
            assert 0 <= lab["name"][0] and lab["name"][2] <= float(width), lab
            for other in labs:
                assert not overlap(lab["name"], other["square"]), (lab, other)
                if other is not lab:
                    assert not overlap(lab["name"], other["name"]), (lab, other)
