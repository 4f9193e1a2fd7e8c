"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on any public page type.

axe-core comes from the axe-playwright-python package and is injected by Playwright
into each page: nothing is fetched from a CDN. The pages come from the demo data
(tests/browser/targets.py), one of each page type per language, the library with filters
applied, a page of search results, the registration, proposal and follow forms with
errors, and the 404 page.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .targets import forms_with_errors, public_pages, result_pages

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def scan(axe, page):
    """(blocking violations as readable lines, number of rules that passed)."""
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    ).response
    violations = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]
    return violations, len(results["passes"])


def test_every_public_page_type_has_no_serious_accessibility_violation(page, site, axe):
    # Both languages and every kind of page in one test: a browser test costs seconds.
    found, scanned = {}, []
    targets = [(label, path, None) for label, path in public_pages("fr") + public_pages("en")]
    targets += result_pages("fr") + result_pages("en")
    for label, path, result in targets:
        response = page.goto(f"{site}{path}")
        assert response.status == (404 if label == "404" else 200), path
        if result:
            assert page.locator(result).count() > 0, f"{path}: no results to scan"
        violations, passed = scan(axe, page)
        assert passed > 10, f"axe did not run on {path}"
        scanned.append(path)
        if violations:
            found[f"{label} {path}"] = violations
    for label, path, button in forms_with_errors("fr") + forms_with_errors("en"):
        page.goto(f"{site}{path}")
        page.click(button)
        expect(page.locator(".error-summary")).to_be_visible()
        violations, passed = scan(axe, page)
        scanned.append(f"{label} {path}")
        if violations:
            found[f"{label} {path}"] = violations
    assert {"/fr/", "/en/", "/fr/this-page-does-not-exist/", "/en/search/?q=co-production"} <= set(
        scanned
    )
    assert not found, found


def test_the_scan_reports_serious_violations(page, axe):
    page.set_content(
        '<html lang="en"><title>t</title><main><a href="/"><img src="x.png"></a>'
        '<p style="color:#bbb;background:#fff">Faint text</p></main></html>'
    )
    violations, _ = scan(axe, page)
    assert {line.split(" ")[0] for line in violations} >= {"image-alt", "color-contrast"}
