"""German as a reader meets it, under cms.settings.test_de: the site's chrome, the library's
and the search's counts, the proposal form's errors, the 403 (CSRF), 404, 500 and 503
pages, a page missing in German and a registrant's emails, in German words (locale/de,
awaiting review by a native speaker) rather than the French Django shows for a language
its catalogues lack. (tests/cms/test_added_catalogues.py checks the catalogues themselves.)
"""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from wagtail.models import Locale

from cms import error_pages
from cms.views import server_error
from practices.models import CaseStudyPage, LibraryPage
from sessions.models import Registration, SessionPage
from sessions.registration import emails
from tests import helpers
from tests.languages.catalogues import own_words

pytestmark = pytest.mark.django_db


def page(client, path, status=200):
    return helpers.soup(client.get(path), status=status)


def test_the_german_home_page_speaks_german(client):
    soup = page(client, "/de/")
    assert soup.html["lang"] == "de"
    assert helpers.text(soup.select_one("a.skip-link")) == "Zum Hauptinhalt springen"
    name = soup.select_one(".site-name")
    assert helpers.text(name.select_one(".site-name__tagline")) == "Dialoge in Koproduktion"
    assert helpers.text(name) == "Fairville-Dialoge Dialoge in Koproduktion"
    box = soup.find("input", attrs={"type": "search"})
    assert helpers.text(soup.select_one(f"label[for='{box['id']}']")) == "Die Website durchsuchen"
    assert soup.select_one(".language-switcher")["aria-label"] == "Sprache"
    assert soup.title.get_text().endswith(" · Fairville-Dialoge")


def counted(text, one, many):
    """Whether ``text`` is "<n> <noun>" with the noun's German singular or plural."""
    count = int(text.split()[0])
    return text == f"{count} {one if count == 1 else many}"


def test_the_german_library_counts_in_german(client):
    library = LibraryPage.objects.live().get(locale__language_code="de")
    soup = page(client, library.url)
    heading = helpers.text(soup.select_one("#results-heading"))
    assert counted(heading, "Fallstudie", "Fallstudien"), heading
    assert soup.select_one("form.library__filters")["aria-label"] == "Fallstudien filtern"
    assert helpers.text(soup.select_one("label[for='library-q']")) == "Suchbegriffe"
    assert "Eine Fallstudie vorschlagen" in helpers.text(soup.main)
    cairo = CaseStudyPage.objects.get(slug="beispiel-genossenschaft-kairo")
    soup = page(client, f"{library.url}?lab={cairo.lab.slug}")
    heading = helpers.text(soup.select_one("#results-heading"))
    assert counted(heading, "Fallstudie", "Fallstudien"), heading
    assert helpers.text(soup.select_one(".active-filters")).startswith("Labor: ")


def test_a_german_search_answers_in_german(client):
    empty = page(client, "/de/suche/?q=zqxjkv")
    status = empty.select_one(".search-empty")
    assert helpers.text(status.h2) == "Nichts gefunden für „zqxjkv“"
    assert "Prüfen Sie die Schreibweise" in helpers.text(status)
    soup = page(client, "/de/suche/?q=Fairville&lang=all")
    summary = helpers.text(soup.select_one(".search-summary"))
    assert summary.endswith(" für „Fairville“")
    assert counted(summary.removesuffix(" für „Fairville“"), "Ergebnis", "Ergebnisse"), summary


def test_the_proposal_forms_errors_are_german(client):
    library = LibraryPage.objects.live().get(locale__language_code="de")
    address = library.route_url("propose")
    assert address == f"{library.url}vorschlagen/"
    soup = helpers.soup(client.post(address, {"email": "nope", "website": ""}))
    summary = helpers.text(soup.select_one(".error-summary"))
    assert summary.startswith("Bitte korrigieren Sie Folgendes:")
    assert "Titel der Fallstudie" in summary  # a field's label
    # Django's own messages, from its German catalogues (or Wagtail's).
    assert own_words("de", "Enter a valid email address.") in summary
    assert own_words("de", "This field is required.") in summary


def test_the_german_error_pages_speak_german(client, rf):
    soup = page(client, "/de/keine-solche-seite/", status=404)
    assert helpers.text(soup.h1) == "Seite nicht gefunden"
    assert helpers.text(soup.select_one("main a")) == "Zur Startseite"

    request = rf.get("/de/bibliothek/")
    try:
        raise ValueError("a bug")
    except ValueError:
        soup = helpers.soup(server_error(request), status=500)
    assert (soup.html["lang"], helpers.text(soup.h1)) == ("de", "Serverfehler")

    # The static 503 nginx serves without Django: German has its own page now.
    unavailable = BeautifulSoup(error_pages.static_pages()["503.de.html"], "html.parser")
    assert (unavailable.html["lang"], helpers.text(unavailable.h1)) == (
        "de",
        "Dienst vorübergehend nicht verfügbar",
    )


def test_a_page_missing_in_german_says_so_in_german(client):
    # The seed's sessions are French and English only.
    session = SessionPage.objects.live().filter(locale__language_code="fr")
    session = session.exclude(slug="session-d-exemple").first()
    soup = page(client, f"/de{session.url[3:]}")
    assert helpers.text(soup.h1) == "In dieser Sprache nicht verfügbar"
    assert "Sie ist verfügbar auf:" in helpers.text(soup.main)


@pytest.fixture
def registration():
    session = SessionPage.objects.get(locale__language_code="fr", slug="session-d-exemple")
    assert session.get_translation_or_none(Locale.objects.get(language_code="de"))
    return Registration.objects.create(
        session=session,
        first_name="Jonas",
        last_name="Beispiel",
        email="jonas@example.org",
        role="resident",
        language="de",
        privacy_consent=True,
        status=Registration.Status.CONFIRMED,
    )


def test_a_german_confirmation_email_is_german_throughout(registration):
    emails.registration_message(registration, emails.CONFIRMED).send()
    (message,) = mail.outbox
    assert message.subject.startswith("Ihre Anmeldung ist bestätigt: ")
    assert message.body.startswith("Guten Tag,")
    assert "Ihre Anmeldung ist bestätigt. Wir freuen uns auf Sie." in message.body
    assert "Ihr persönlicher Link zur Teilnahme an der Sitzung:" in message.body
    html = BeautifulSoup(message.alternatives[0][0], "html.parser")
    assert html.html["lang"] == "de"
    assert "Mit Ihrem persönlichen Link an der Sitzung teilnehmen" in helpers.text(html)


@pytest.mark.parametrize(("hours", "ending"), [(1, "in 1 Stunde"), (24, "in 24 Stunden")])
def test_a_german_reminder_counts_hours_in_german(registration, hours, ending):
    message = emails.registration_message(registration, emails.REMINDER, hours=hours)
    assert message.subject.startswith("Erinnerung: ")
    assert message.subject.endswith(f"beginnt {ending}")
    assert f"Die Sitzung beginnt {ending}." in message.body


def test_a_form_the_csrf_check_refuses_is_told_in_german():
    library = LibraryPage.objects.live().get(locale__language_code="de")
    browser = Client(enforce_csrf_checks=True)
    soup = helpers.soup(browser.post(library.route_url("propose"), {}), status=403)
    assert helpers.text(soup.h1) == "Ihr Formular konnte nicht gesendet werden"
    assert "Es wurde nichts gespeichert und keine E-Mail versendet." in helpers.text(soup.main)
    assert helpers.text(soup.select_one("main a")) == "Zur Startseite"
