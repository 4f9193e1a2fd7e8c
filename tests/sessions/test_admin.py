"""Editors create sessions and people in the admin, with errors in their own language."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    streamfield,
)

from sessions.models import ContributorRole, Person, SessionPage

pytestmark = pytest.mark.django_db


def add_form(client, series):
    url = reverse("wagtailadmin_pages:add", args=("event_sessions", "sessionpage", series.pk))
    response = client.get(url)
    assert response.status_code == 200
    return url, form_data(response)


def form_data(response):
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The StreamField's inputs are drawn by the admin's script; an empty body is this.
    data.update(nested_form_data({"body": streamfield([])}))
    return data


def post(client, url, data, **fields):
    for name, value in fields.items():
        data[name] = value
    data["action-publish"] = "action-publish"
    # As lists: the test client would send only the last of several checked boxes.
    return client.post(url, dict(data.lists()))


def field_errors(response, name):
    page = BeautifulSoup(response.content, "html.parser")
    field = page.select_one(f'[data-field-input] [name="{name}"], [name="{name}"]')
    assert field is not None, name
    wrapper = field.find_parent(attrs={"data-field": True}) or field.find_parent("div")
    return [" ".join(e.get_text(" ", strip=True).split()) for e in wrapper.select(".error-message")]


VALID = {
    "title": "Une nouvelle session",
    "slug": "une-nouvelle-session",
    "status": "scheduled",
    "starts_at": "2026-09-10 15:00",
    "ends_at": "2026-09-10 17:00",
    "time_zone": "Europe/Paris",
}


def test_an_editor_creates_a_session_with_two_contributors(editor, series_fr, fr):
    client = editor("fr")
    url, data = add_form(client, series_fr)
    richard = Person.objects.get(locale=fr, name="Richard Lee")
    beth = Person.objects.get(locale=fr, name="Beth Perry")
    role = ContributorRole.objects.get(locale=fr, name="Contributions et commentaires")
    data.update(
        nested_form_data(
            {
                "contributors": inline_formset(
                    [
                        {"person": richard.pk, "role": role.pk},
                        {"person": beth.pk, "role": role.pk},
                    ]
                )
            }
        )
    )
    response = post(client, url, data, number="7", **VALID)
    assert response.status_code == 302, response.content.decode()[:3000]
    session = SessionPage.objects.get(slug="une-nouvelle-session")
    assert session.live and session.locale == fr
    assert [c.person for c in session.contributors.order_by("sort_order")] == [richard, beth]
    # 15:00 in Paris, in September (CEST), is 13:00 UTC.
    assert session.starts_at == datetime(2026, 9, 10, 13, tzinfo=UTC)
    assert session.languages == ["fr", "en"]


def test_times_are_read_in_the_sessions_zone_whatever_the_editors(editor, series_fr):
    client = editor("en", time_zone="America/New_York")
    url, data = add_form(client, series_fr)
    response = post(client, url, data, **{**VALID, "time_zone": "Europe/London"})
    assert response.status_code == 302
    session = SessionPage.objects.get(slug="une-nouvelle-session")
    assert session.starts_at == datetime(2026, 9, 10, 14, tzinfo=UTC)  # 15:00 BST
    # The edit form shows the times back as typed, in the session's zone.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(session.pk,)))
    form = form_data(edit)
    assert (form["starts_at"], form["ends_at"]) == ("2026-09-10 15:00", "2026-09-10 17:00")


@pytest.mark.parametrize(
    ("language", "fields", "field", "message"),
    [
        (
            "fr",
            {"ends_at": "2026-09-10 14:00"},
            "ends_at",
            "La session doit se terminer après son début.",
        ),
        (
            "en",
            {"ends_at": "2026-09-10 14:00"},
            "ends_at",
            "The session must end after it starts.",
        ),
        (
            "fr",
            {"number": "1"},
            "number",
            "Le numéro 1 est déjà utilisé dans cette série par « Ancrer durablement la "
            "co-production porteuse de sens ».",
        ),
        (
            "en",
            {"number": "1"},
            "number",
            "Number 1 is already used in this series by “Ancrer durablement la co-production "
            "porteuse de sens”.",
        ),
        (
            "fr",
            {"status": "tbc", "starts_at": "", "ends_at": ""},
            "provisional_month",
            "Une session dont la date est à confirmer doit au moins avoir son mois.",
        ),
        (
            "en",
            {"status": "tbc", "starts_at": "", "ends_at": ""},
            "provisional_month",
            "A session whose date is to be confirmed needs at least its month.",
        ),
        ("en", {"time_zone": "Mars/Olympus_Mons"}, "time_zone", None),
        ("en", {"starts_at": "le 10 septembre"}, "starts_at", None),
        ("en", {"number": "-3"}, "number", None),
        ("fr", {"title": "x" * 10_000}, "title", None),
    ],
)
def test_impossible_input_is_refused_in_the_editors_language(
    editor, series_fr, language, fields, field, message
):
    client = editor(language)
    url, data = add_form(client, series_fr)
    before = SessionPage.objects.count()
    response = post(client, url, data, **{**VALID, **fields})
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert errors, f"no error shown on {field}"
    if message:
        assert errors == [message]
    assert SessionPage.objects.count() == before


def test_editing_keeps_the_number_free_check_to_other_sessions(editor, session_fr):
    client = editor("en")
    session = session_fr(2)
    url = reverse("wagtailadmin_pages:edit", args=(session.pk,))
    data = form_data(client.get(url))
    response = post(client, url, data)  # unchanged: its own number is no clash
    assert response.status_code == 302
    data["number"] = "3"
    response = post(client, url, data)
    assert field_errors(response, "number") == [
        "Number 3 is already used in this series by “Réguler pour une co-production porteuse "
        "de sens”."
    ]


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("person", "Richard Lee"),
        ("organisation", "Université de Sheffield"),
        ("contributorrole", "Animation"),
    ],
)
def test_people_organisations_and_roles_are_listed_in_the_admin(editor, model, expected):
    client = editor("fr")
    response = client.get(reverse(f"wagtailsnippets_event_sessions_{model}:list"))
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_people_export_as_csv(editor):
    client = editor("en")
    response = client.get(reverse("wagtailsnippets_event_sessions_person:list") + "?export=csv")
    assert response.status_code == 200
    rows = b"".join(response.streaming_content).decode().splitlines()
    # One row per language version (the locale column's wording is Wagtail's).
    assert any(row.startswith("Richard Lee,Just Space,London,GB,") for row in rows)
    assert any(row.startswith("Beth Perry,Université de Sheffield,,GB,") for row in rows)
