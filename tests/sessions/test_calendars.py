"""Calendar files, read back with the icalendar library as a calendar application would."""

import re
from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from sessions.models import SessionPage

pytestmark = pytest.mark.django_db


def read(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def ics_url(language, page):
    kind = "series" if page.specific_class.__name__ == "SeriesPage" else "session"
    return f"/{language}/calendar/{kind}-{page.pk}.ics"


def as_utc(value):
    return value.dt.astimezone(UTC)


def test_a_session_file_has_the_right_instants_and_time_zone(client, session_fr):
    session = session_fr(1)
    response = client.get(ics_url("fr", session))
    assert response["Content-Disposition"] == 'attachment; filename="session-1-fr.ics"'
    calendar = read(response)
    (event,) = calendar.events
    assert as_utc(event["DTSTART"]) == datetime(2026, 1, 15, 14, tzinfo=UTC)
    assert as_utc(event["DTEND"]) == datetime(2026, 1, 15, 16, tzinfo=UTC)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert [tz["TZID"] for tz in calendar.timezones] == ["Europe/Paris"]
    url = session.full_url
    assert url.endswith("/fr/dialogues/serie-des-leviers/ancrer-durablement-la-co-production/")
    assert str(event["LOCATION"]) == url and str(event["URL"]) == url
    assert str(event["SUMMARY"]) == "#1 Ancrer durablement la co-production porteuse de sens"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "15 janvier 2026, 15h-17h CET / 14h-16h GMT" in str(event["DESCRIPTION"])


def test_summer_time_is_in_the_file_too(client, session_en):
    (event,) = read(client.get(ics_url("en", session_en(4)))).events
    assert as_utc(event["DTSTART"]) == datetime(2026, 4, 16, 13, tzinfo=UTC)
    assert "16 April 2026, 3-5 pm CEST / 2-4 pm BST" in str(event["DESCRIPTION"])


def test_both_languages_share_a_stable_uid(client, session_fr, session_en):
    fr = read(client.get(ics_url("fr", session_fr(1)))).events[0]
    en = read(client.get(ics_url("en", session_en(1)))).events[0]
    again = read(client.get(ics_url("fr", session_fr(1)))).events[0]
    assert fr["UID"] == en["UID"] == again["UID"]
    assert str(en["SUMMARY"]) == "#1 Anchoring meaningful co-production for the long term"
    assert en["SUMMARY"].params["LANGUAGE"] == "en"


def test_the_series_feed_lists_dated_sessions_in_the_urls_language(client, series_en):
    calendar = read(client.get(ics_url("en", series_en)))
    assert str(calendar["X-WR-CALNAME"]) == "Levers series"
    summaries = [str(event["SUMMARY"]) for event in calendar.events]
    # #5 has no date yet: no event at a guessed time. The example session is in the
    # example series, not in the programme.
    assert summaries == [
        "#1 Anchoring meaningful co-production for the long term",
        "#2 Funding and supporting meaningful co-production",
        "#3 Regulating for meaningful co-production",
        "#4 Defending meaningful co-production",
    ]
    assert len({event["UID"] for event in calendar.events}) == 4


def test_a_cancelled_session_stays_in_the_feed_as_cancelled(client, series_fr, session_fr):
    session = session_fr(3)
    session.status = SessionPage.Status.CANCELLED
    session.save_revision().publish()
    calendar = read(client.get(ics_url("fr", series_fr)))
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in calendar.events}
    assert statuses["#3 Réguler pour une co-production porteuse de sens"] == "CANCELLED"
    assert statuses["#2 Financer et soutenir une co-production porteuse de sens"] == "CONFIRMED"
    (event,) = read(client.get(ics_url("fr", session))).events
    assert str(event["STATUS"]) == "CANCELLED"


def test_no_file_for_a_session_without_a_confirmed_date(client, session_fr):
    assert client.get(ics_url("fr", session_fr(5))).status_code == 404
    session = session_fr(2)
    session.status = SessionPage.Status.POSTPONED
    session.save_revision().publish()
    assert client.get(ics_url("fr", session)).status_code == 404


def test_the_only_link_in_a_calendar_is_the_public_page(client, series_fr):
    content = client.get(ics_url("fr", series_fr)).content.decode()
    unfolded = content.replace("\r\n ", "")
    links = set(re.findall(r"https?://[^\s\\,;]+", unfolded))
    pages = {s.full_url for s in series_fr.sessions()}
    assert links and links <= pages


def test_the_other_languages_id_redirects_to_its_translation(client, session_fr, session_en):
    response = client.get(f"/en/calendar/session-{session_fr(1).pk}.ics")
    assert response.status_code == 302
    assert response["Location"] == f"/en/calendar/session-{session_en(1).pk}.ics"


@pytest.mark.parametrize(
    "path",
    [
        "/fr/calendar/session-999999.ics",
        "/fr/calendar/session-99999999999999999999999999.ics",
        "/en/calendar/series-99999999999999999999999999.ics",
        "/fr/calendar/session-abc.ics",
    ],
)
def test_unknown_calendars_are_404(client, path):
    assert client.get(path).status_code == 404


def test_drafts_and_other_pages_have_no_calendar(client, session_fr, home_fr):
    session = session_fr(2)
    session.unpublish()
    assert client.get(ics_url("fr", session)).status_code == 404
    assert client.get(f"/fr/calendar/session-{home_fr.pk}.ics").status_code == 404
