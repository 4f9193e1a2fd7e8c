"""Statuses: what organisers decide is stored; upcoming, live and past follow the clock."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sessions.models import Phase, SessionPage

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 12, 14, tzinfo=UTC)
END = START + timedelta(hours=2)
Status = SessionPage.Status


@pytest.mark.parametrize(
    ("status", "now", "phase", "label_fr", "label_en"),
    [
        (Status.SCHEDULED, START - timedelta(days=1), Phase.UPCOMING, "À venir", "Upcoming"),
        (Status.SCHEDULED, START, Phase.LIVE, "En cours", "Live now"),
        (Status.SCHEDULED, END - timedelta(minutes=1), Phase.LIVE, "En cours", "Live now"),
        (Status.SCHEDULED, END, Phase.PAST, "Passée", "Past"),
        # Decisions show whatever the clock says; a cancelled session is never live.
        (Status.CANCELLED, START - timedelta(days=1), Phase.UPCOMING, "Annulée", "Cancelled"),
        (Status.CANCELLED, START + timedelta(minutes=5), Phase.UPCOMING, "Annulée", "Cancelled"),
        (Status.CANCELLED, END + timedelta(days=1), Phase.PAST, "Annulée", "Cancelled"),
        # Postponed: it will happen, at a date not known yet.
        (Status.POSTPONED, END + timedelta(days=90), Phase.UPCOMING, "Reportée", "Postponed"),
    ],
)
def test_status_and_phase(make_session, status, now, phase, label_fr, label_en):
    session = make_session(status=status, starts_at=START, ends_at=END)
    assert session.phase(now) == phase
    with translation.override("fr"):
        assert session.status_label(now) == label_fr
    with translation.override("en"):
        assert session.status_label(now) == label_en
    # The database agrees with the page.
    upcoming = SessionPage.objects.filter(pk=session.pk).upcoming(now).exists()
    past = SessionPage.objects.filter(pk=session.pk).past(now).exists()
    assert (upcoming, past) == (phase != Phase.PAST, phase == Phase.PAST)


@pytest.mark.parametrize(
    ("now", "phase"),
    [
        (datetime(2026, 5, 20, tzinfo=UTC), Phase.UPCOMING),
        (datetime(2026, 6, 30, 12, tzinfo=UTC), Phase.UPCOMING),
        (datetime(2026, 7, 1, 12, tzinfo=UTC), Phase.PAST),
    ],
)
def test_to_be_confirmed_is_upcoming_until_its_month_is_over(make_session, now, phase):
    session = make_session(
        status=Status.TO_BE_CONFIRMED, starts_at=None, provisional_month=date(2026, 6, 1)
    )
    assert session.phase(now) == phase
    assert SessionPage.objects.filter(pk=session.pk).upcoming(now).exists() == (
        phase == Phase.UPCOMING
    )
    with translation.override("fr"):
        assert session.status_label(now) == "Date à confirmer"
        assert session.when() == "juin 2026, date et heure à confirmer"
    with translation.override("en"):
        assert session.when() == "June 2026, date and time to be confirmed"


def test_a_to_be_confirmed_session_ignores_stray_times(make_session):
    session = make_session(
        status=Status.TO_BE_CONFIRMED, starts_at=START, provisional_month=date(2026, 6, 1)
    )
    assert not session.has_time
    assert session.when("en") == "June 2026, date and time to be confirmed"


def clean_errors(session):
    with pytest.raises(ValidationError) as caught:
        session.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "La session doit se terminer après son début."),
        ("en", "The session must end after it starts."),
    ],
)
def test_the_end_must_come_after_the_start(session_fr, language, message):
    session = session_fr(2)
    session.ends_at = session.starts_at - timedelta(minutes=1)
    with translation.override(language):
        assert clean_errors(session)["ends_at"] == [message]
    session.ends_at = session.starts_at
    with translation.override(language):
        assert clean_errors(session)["ends_at"] == [message]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Une session dont la date est à confirmer doit au moins avoir son mois."),
        ("en", "A session whose date is to be confirmed needs at least its month."),
    ],
)
def test_to_be_confirmed_needs_a_month(session_fr, language, message):
    session = session_fr(5)
    session.provisional_month = None
    with translation.override(language):
        assert clean_errors(session)["provisional_month"] == [message]


def test_a_month_is_kept_as_its_first_day(session_fr):
    session = session_fr(5)
    session.provisional_month = date(2026, 6, 17)
    session.full_clean()
    assert session.provisional_month == date(2026, 6, 1)


def test_a_scheduled_session_needs_its_times(session_fr):
    session = session_fr(3)
    session.starts_at = None
    with translation.override("en"):
        errors = clean_errors(session)
    assert errors["starts_at"] == [
        "Give the date and time, or set the status to “Date to be confirmed”."
    ]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "fr",
            "Le numéro 2 est déjà utilisé dans cette série par « Financer et soutenir une "
            "co-production porteuse de sens ».",
        ),
        (
            "en",
            "Number 2 is already used in this series by “Financer et soutenir une "
            "co-production porteuse de sens”.",
        ),
    ],
)
def test_a_number_is_used_once_per_series(session_fr, language, message):
    session = session_fr(3)
    session.number = 2
    with translation.override(language):
        assert clean_errors(session)["number"] == [message]


def test_the_same_number_in_another_series_is_fine(series_fr, make_session, session_fr):
    other = series_fr.get_parent().add_child(
        instance=type(series_fr)(title="Autre série", slug="autre-serie")
    )
    make_session(parent=other, number=2, starts_at=START, ends_at=END).full_clean()
    # A translation carries the same number in its own language's series.
    session_fr(2).get_translations().get().full_clean()


def test_unknown_time_zone_is_refused(session_fr):
    session = session_fr(2)
    session.time_zone = "Mars/Olympus_Mons"
    with translation.override("en"):
        assert clean_errors(session)["time_zone"] == ["Unknown time zone: Mars/Olympus_Mons."]


def test_unknown_language_is_refused(session_fr):
    session = session_fr(2)
    session.languages = ["fr", "xx"]
    with translation.override("fr"):
        assert clean_errors(session)["languages"] == ["Langue inconnue : xx."]
    session.languages = []
    assert "languages" in clean_errors(session)
