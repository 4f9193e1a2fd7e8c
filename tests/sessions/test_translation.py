"""Translating a session and its people with wagtail-localize, as an editor does."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from cms.translation import sync, translate
from sessions.models import ContributorRole, Organisation, Person, SessionPage

from .conftest import soup, text

pytestmark = pytest.mark.django_db
MONTHS = (
    "January February March April May June July August September October November December".split()
)


@pytest.fixture
def cairo_session(fr, en, make_session):
    """A new session with a new person, all translated into English."""
    organisation = Organisation.objects.create(locale=fr, name="Université du Caire")
    person = Person.objects.create(
        locale=fr,
        name="Exemple Personne",
        organisation=organisation,
        city="Le Caire",
        country="EG",
        bio="Chercheuse (exemple).",
    )
    role = ContributorRole.objects.create(locale=fr, name="Réponse")
    strings = {
        "Université du Caire": "Cairo University",
        "Le Caire": "Cairo",
        "Chercheuse (exemple).": "Researcher (example).",
        "Réponse": "Response",
        "Session au Caire": "Session in Cairo",
        "session-au-caire": "session-in-cairo",
    }
    for snippet in (organisation, person, role):
        translate(snippet, en, strings)
    start = datetime(2026, 11, 26, 14, tzinfo=UTC)
    session = make_session(
        title="Session au Caire",
        slug="session-au-caire",
        number=42,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        time_zone="Africa/Cairo",
        contributors=[(person, role)],
    )
    return session, translate(session, en, strings), person, strings


def test_the_english_session_points_to_the_english_people(client, en, cairo_session):
    session, english, person, _ = cairo_session
    assert english.locale == en and english.url == "/en/dialogues/levers-series/session-in-cairo/"
    (contributor,) = english.contributors.all()
    assert contributor.person == person.get_translation(en)
    assert contributor.role.name == "Response"
    # Synchronised facts are the same; the time zone is the session's.
    assert (english.number, english.starts_at, english.time_zone) == (
        42,
        session.starts_at,
        "Africa/Cairo",
    )
    page = soup(client.get(english.url))
    assert text(page.select_one(".person")) == (
        "Exemple Personne (Cairo University, Cairo, Egypt) Researcher (example)."
    )
    assert text(page.select_one(".when__text")) == (
        "26 November 2026, 4-6 pm EET / 3-5 pm CET / 2-4 pm GMT"
    )
    french = soup(client.get(session.url))
    assert (
        text(french.select_one(".person__affiliation")) == "(Université du Caire, Le Caire, Égypte)"
    )


def test_a_name_is_the_same_in_both_languages(en, cairo_session):
    _, _, person, _ = cairo_session
    person.name = "Exemple Personne-Corrigée"
    person.save()
    sync(person)
    english = person.get_translation(en)
    assert english.name == "Exemple Personne-Corrigée"
    assert english.city == "Cairo"  # a translated field keeps its translation


def test_rescheduling_in_french_moves_the_english_session(client, en, cairo_session):
    session, english, _, strings = cairo_session
    session = SessionPage.objects.get(pk=session.pk)
    session.status = SessionPage.Status.TO_BE_CONFIRMED
    month = (timezone.now() + timedelta(days=90)).date().replace(day=1)
    session.provisional_month = month
    session.save_revision().publish()
    sync(session)
    english = SessionPage.objects.get(pk=english.pk)
    assert english.status == SessionPage.Status.TO_BE_CONFIRMED
    assert english.title == "Session in Cairo"
    page = soup(client.get(english.url))
    expected = f"{MONTHS[month.month - 1]} {month.year}, date and time to be confirmed"
    assert text(page.select_one(".when")) == expected


def test_the_seed_sessions_are_translations_of_each_other(session_fr, session_en):
    for number in range(1, 6):
        assert session_fr(number).get_translation(session_en(number).locale) == session_en(number)
