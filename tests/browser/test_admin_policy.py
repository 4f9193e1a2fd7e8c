"""The admin's Content-Security-Policy (cms/admin_csp.py) breaks nothing in Wagtail, and
its report-only part shows why it cannot be enforced yet: Wagtail 8 runs inline code."""

from django.contrib.auth import get_user_model

from cms.models import HomePage

# Recorded from the first byte; "enforce" violations are blocked, "report" ones only told.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.disposition} ${event.effectiveDirective}`);
});
"""


def test_the_admin_runs_under_its_policy_and_reports_what_stops_a_stricter_one(page, site):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password")
    home = HomePage.objects.get(locale__language_code="fr")
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{site}/admin/login/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill("a-long-password")
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url(f"{site}/admin/")

    reported = set()
    for path in ["/admin/", f"/admin/pages/{home.pk}/edit/", "/admin/documents/", "/admin/images/"]:
        page.goto(f"{site}{path}")
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.cspViolations")
        assert [v for v in violations if v.startswith("enforce")] == [], path
        reported.update(v for v in violations if v.startswith("report"))
    # The page editor works: its title field is there and editable.
    page.goto(f"{site}/admin/pages/{home.pk}/edit/")
    title = page.locator("#id_title")
    title.fill("Accueil modifié")
    assert title.input_value() == "Accueil modifié"
    assert "report script-src-elem" in reported or "report script-src-attr" in reported, reported
