"""The schema.org Event in each session page says what the page itself says."""

import json
from datetime import datetime

import pytest

from sessions.models import ContributorRole, Organisation, Person, SessionPage

from .conftest import soup, text

pytestmark = pytest.mark.django_db
Status = SessionPage.Status


def json_ld(page):
    (script,) = page.select('script[type="application/ld+json"]')
    return json.loads(script.string)


def instant(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_event_data_matches_the_page(client, session_fr, session_en, language):
    session = (session_fr if language == "fr" else session_en)(1)
    page = soup(client.get(session.url))
    data = json_ld(page)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == text(page.h1)
    time = page.select_one(".session .when time")
    assert instant(data["startDate"]) == instant(time["datetime"])
    assert instant(data["endDate"]) == instant(time["data-end"])
    assert data["startDate"] == "2026-01-15T15:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": session.full_url}
    assert data["url"] == session.full_url
    assert data["inLanguage"] == ["fr", "en"]
    assert data["organizer"]["url"] == "https://www.fairville-eu.org"
    assert (
        data["organizer"]["name"]
        == {
            "fr": "Le projet Fairville",
            "en": "The Fairville project",
        }[language]
    )
    on_page = [text(name) for name in page.select(".person__name")]
    assert [p["name"] for p in data["performer"]] == on_page
    organisations = {p["name"]: p["affiliation"]["name"] for p in data["performer"]}
    assert (
        organisations["Beth Perry"]
        == {
            "fr": "Université de Sheffield",
            "en": "University of Sheffield",
        }[language]
    )
    assert data["description"] == text(page.select_one(".session__intro"))


@pytest.mark.parametrize(
    ("status", "expected", "label"),
    [
        (Status.SCHEDULED, "EventScheduled", "Past"),
        (Status.POSTPONED, "EventPostponed", "Postponed"),
        (Status.CANCELLED, "EventCancelled", "Cancelled"),
    ],
)
def test_event_status_follows_the_page(client, session_en, status, expected, label):
    session = session_en(3)
    session.status = status
    session.save_revision().publish()
    page = soup(client.get(session.url))
    assert json_ld(page)["eventStatus"] == "https://schema.org/" + expected
    assert text(page.select_one(".session__status")) == label


def test_to_be_confirmed_gives_the_month(client, session_en):
    page = soup(client.get(session_en(5).url))
    data = json_ld(page)
    assert data["startDate"] == "2026-06"
    assert "endDate" not in data
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_no_markup_can_escape_the_script(client, make_session, fr):
    hostile = "</script><script>alert(1)</script> & <!--"
    organisation = Organisation.objects.create(locale=fr, name=hostile)
    person = Person.objects.create(locale=fr, name=hostile, organisation=organisation)
    role = ContributorRole.objects.filter(locale=fr).first()
    session = make_session(title=hostile, contributors=[(person, role)])
    response = client.get(session.url)
    assert b"<script>alert(1)" not in response.content
    data = json_ld(soup(response))
    assert data["name"] == hostile
    assert data["performer"] == [
        {
            "@type": "Person",
            "name": hostile,
            "affiliation": {"@type": "Organization", "name": hostile},
        }
    ]
