"""Journey 3: an editor publishes a session in French, then in English, from the admin.

Everything goes through the browser as the editor would do it: the page form with its
snippet choosers, Wagtail's publish action, wagtail-localize's Translate action and its
translation editor. The admin is in French, the editor's language.
"""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from sessions.models import SeriesPage, SessionPage

from .conftest import foreign_requests

PASSWORD = "un-mot-de-passe-de-test"
MONTHS = (
    "January February March April May June July August September October November December".split()
)


def paris_and_london(day):
    """Zone names of 15:00 in Paris on ``day``, from the tz database (London, an hour
    behind all year, changes time on the same night)."""
    paris = datetime.combine(day, time(15), tzinfo=ZoneInfo("Europe/Paris"))
    london = paris.astimezone(ZoneInfo("Europe/London"))
    return f"{paris.tzname()} / 2-4 pm {london.tzname()}"


@pytest.fixture
def editor(demo_live):
    return get_user_model().objects.create_superuser(
        "redaction", "redaction@fairville.invalid", PASSWORD
    )


def log_in(page, site):
    page.goto(f"{site}/admin/login/")
    page.locator("#id_username").fill("redaction")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{site}/admin/")


def translate_segment(page, source, translation):
    """Open a string in wagtail-localize's editor, type its translation and save it."""
    segment = page.locator("li.incomplete", has_text=source)
    segment.get_by_role("button", name="Traduire").click()
    page.locator("textarea").fill(translation)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("li.incomplete", has_text=source)).to_have_count(0)


def test_an_editor_publishes_a_session_in_french_and_english(page, site, editor):
    series = SeriesPage.objects.get(slug="serie-des-leviers")
    log_in(page, site)

    # Create the session under the French series.
    page.goto(f"{site}/admin/pages/{series.pk}/")
    # Exact: each session of the listing also has its own "add a subpage" (a recording).
    page.get_by_role("link", name="Ajouter une sous-page", exact=True).click()
    page.wait_for_url("**/add/event_sessions/sessionpage/**")
    page.get_by_placeholder("Titre de la page*").fill("Habiter et co-produire")
    page.get_by_label("Numéro dans la série").fill("6")
    day = date.today() + timedelta(days=100)  # upcoming whenever the suite runs
    page.get_by_role("textbox", name="Début", exact=True).fill(f"{day:%Y-%m-%d} 15:00")
    page.get_by_role("textbox", name="Fin", exact=True).fill(f"{day:%Y-%m-%d} 17:00")
    for index, (person, role) in enumerate(
        [("Beth Perry", "Contributions et commentaires"), ("Tim Wickson", "Animation")]
    ):
        page.get_by_role("button", name="Ajouter un(e) Intervenant·e").click()
        row = page.locator(f"#inline_child_contributors-{index}")
        row.get_by_role("button", name="Choisir personne").click()
        page.locator(".modal").get_by_role("link", name=person).click()
        row.get_by_role("button", name="Choisir rôle d'intervention").click()
        page.locator(".modal").get_by_role("link", name=role).click()
        expect(row).to_contain_text(person)
        expect(row).to_contain_text(role)
    # No autosave request in flight: publishing during one posts the add form for a page
    # the autosave has just created (a slug clash and a server error in Wagtail 8.0).
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    # Wagtail's autosave may have created the draft already (under load, before the click):
    # the publish then happens in the edit view, which words it differently.
    expect(page.locator(".messages")).to_contain_text(
        re.compile(r"«\s*Habiter et co-produire\s*»\s*(créée et publiée|a été publiée)")
    )

    # Translate it with wagtail-localize's Translate action.
    session = SessionPage.objects.get(title="Habiter et co-produire")
    page.goto(f"{site}/admin/pages/{session.pk}/edit/")
    page.get_by_role("navigation", name="Actions", exact=True).get_by_role("button").click()
    page.get_by_role("link", name="Traduire cette page").click()
    page.get_by_label("Anglais").check()
    page.get_by_role("button", name="Soumettre").click()
    expect(page.locator(".messages")).to_contain_text("soumise avec succès pour traduction")
    # The people and roles already exist in English: the editor says so.
    expect(page.get_by_text("1 / 1 segments traduits")).to_have_count(2)
    translate_segment(page, "Habiter et co-produire", "Living and co-producing")
    page.get_by_role("tab", name="Promotion").click()
    translate_segment(page, "habiter-et-co-produire", "living-and-co-producing")
    page.get_by_role("button", name="Publier dansAnglais").click()
    expect(page.locator(".messages")).to_contain_text("Living and co-producing")

    # A visitor finds it on the English series page, in English.
    page.goto(f"{site}/en/dialogues/levers-series/")
    upcoming = page.locator("section", has=page.get_by_role("heading", name="Upcoming sessions"))
    card = upcoming.locator(".session-card", has_text="Living and co-producing")
    expect(card).to_contain_text("#6")
    expect(card).to_contain_text(
        f"{day.day} {MONTHS[day.month - 1]} {day.year}, 3-5 pm {paris_and_london(day)}"
    )
    card.get_by_role("link", name="Living and co-producing").click()
    page.wait_for_url(f"{site}/en/dialogues/levers-series/living-and-co-producing/")
    expect(page.locator(".contributors")).to_contain_text(
        "Beth Perry (University of Sheffield, United Kingdom)"
    )
    expect(page.locator(".contributors h3")).to_have_text(
        ["Contributions and comments", "Moderation"]
    )
    assert foreign_requests(page, site) == []
