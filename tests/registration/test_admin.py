"""Registrations in the admin: managers see people and export them; other editors see counts."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from openpyxl import load_workbook

from .conftest import soup, text

pytestmark = pytest.mark.django_db

LISTING = "/admin/registrations/"


@pytest.fixture
def registrations(example_fr, register, set_session):
    set_session(capacity=1)
    register(example_fr, email="awa@example.org", first_name="<b>Awa</b>")
    register(example_fr, email="ben@example.org", first_name="Ben", role="academic", country="FR")
    register(example_fr, email="eve@example.org", first_name='=HYPERLINK("http://x.invalid")')
    return example_fr


def login(client, django_user_model, group):
    user = django_user_model.objects.create_user(f"{group}-user", password="pw")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


def test_a_registration_manager_lists_filters_searches_and_exports(
    client, django_user_model, registrations
):
    login(client, django_user_model, "Registration managers")
    listing = client.get(LISTING)
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "awa@example.org" in page and "ben@example.org" in page
    assert "&lt;b&gt;Awa&lt;/b&gt;" in page and "<b>Awa</b>" not in page

    waiting = client.get(LISTING, {"status": "waiting"}).content.decode()
    assert "ben@example.org" in waiting and "awa@example.org" not in waiting
    by_role = client.get(LISTING, {"role": "academic", "country": "FR"}).content.decode()
    assert "ben@example.org" in by_role and "awa@example.org" not in by_role
    by_session = client.get(LISTING, {"session": registrations.pk, "language": "fr"})
    assert "awa@example.org" in by_session.content.decode()
    found = client.get(LISTING, {"q": "BEN@example"}).content.decode()
    assert "ben@example.org" in found and "awa@example.org" not in found

    exported = client.get(LISTING, {"export": "csv", "status": "confirmed"})
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 2 and "awa@example.org" in rows[1]
    waiting_rows = client.get(LISTING, {"export": "csv", "status": "waiting"})
    text_rows = b"".join(waiting_rows.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(" in text_rows  # stays text in a spreadsheet
    xlsx = client.get(LISTING, {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    cells = {cell.value for row in workbook.active.iter_rows() for cell in row}
    assert {"awa@example.org", "ben@example.org"} <= cells

    counts = client.get("/admin/registration-counts/")
    row = soup(counts).find("a", string=registrations.title).find_parent("tr")
    assert text(row.select_one(".count-confirmed")) == "1"
    assert text(row.select_one(".count-waiting")) == "2"


def test_an_ordinary_editor_sees_counts_but_no_personal_data(
    client, django_user_model, registrations
):
    login(client, django_user_model, "Editors")
    for url in (LISTING, f"{LISTING}?export=csv", f"{LISTING}?export=xlsx"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"awa@example.org" not in b"".join(
            getattr(response, "streaming_content", [response.content])
        )
    menu = client.get("/admin/").content.decode()
    assert LISTING not in menu and "/admin/registration-counts/" in menu
    counts = client.get("/admin/registration-counts/")
    assert counts.status_code == 200
    assert "awa@example.org" not in counts.content.decode()
    row = soup(counts).find("a", string=registrations.title).find_parent("tr")
    assert text(row.select_one(".count-confirmed")) == "1"
    edit = client.get(f"/admin/pages/{registrations.pk}/edit/")
    assert edit.status_code == 200
    panel = text(soup(edit).select_one(".registration-counts"))
    assert panel.startswith("1 confirmées, 2 sur liste d'attente, 0 annulées.")
    assert "awa@example.org" not in edit.content.decode()


def test_the_public_form_the_admin_form_and_the_export_hold_the_same_answers(
    client, django_user_model, registrations
):
    """A registrant's answers are listed once (Registration.ANSWERS): what the public form
    asks, a manager can correct in the admin and finds in the export."""
    from sessions.models import Registration

    public = soup(client.get(registrations.url))
    asked = {
        field["name"]
        for field in public.select("form.registration__form [name]")
        if field["name"] in {f.name for f in Registration._meta.fields}
    }
    assert asked - {"privacy_consent"} == set(Registration.ANSWERS)

    manager = django_user_model.objects.create_superuser("admin-answers", password="pw")
    client.force_login(manager)
    registration = Registration.objects.get(email="ben@example.org")
    edit = soup(client.get(f"{LISTING}edit/{registration.pk}/"))
    editable = {field["name"] for field in edit.select("form [name]")}
    assert set(Registration.ANSWERS) <= editable
    assert "status" not in editable and "privacy_consent" not in editable

    exported = client.get(LISTING, {"export": "csv"})
    header = next(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    for name in Registration.ANSWERS:
        label = str(Registration._meta.get_field(name).verbose_name)
        assert label.casefold() in {column.casefold() for column in header}, (name, header)


@pytest.mark.parametrize("url", ["/admin/registration-counts/", "/admin/dashboard/"])
def test_the_projects_own_admin_pages_are_headed_by_their_title(client, django_user_model, url):
    # Wagtail's header shows the breadcrumbs, not the h1 (kept for screen readers): these
    # pages were headed "Home" (their only breadcrumb), whatever they showed.
    login(client, django_user_model, "Editors")
    page = soup(client.get(url))
    title = text(page.select_one("h1"))
    trail = [text(item) for item in page.select("[data-w-breadcrumbs] ol > li")]
    assert title and trail[-1] == title and len(trail) == 2
