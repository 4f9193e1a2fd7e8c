"""The home page shows the next session, or the latest one when none is ahead."""

import pytest

from sessions.models import SessionPage

from .conftest import soup, text

pytestmark = pytest.mark.django_db


def section(client, url):
    return soup(client.get(url)).select_one(".home-session")


def test_the_next_session_and_its_call_to_action(client):
    example_fr = SessionPage.objects.get(slug="session-d-exemple")
    block = section(client, "/fr/")
    assert text(block.h2) == "Prochaine session"
    assert text(block.h3) == example_fr.title
    button = block.select_one("a.button")
    assert text(button) == "Programme et inscription" and button["href"] == example_fr.url
    block = section(client, "/en/")
    assert text(block.h2) == "Next session"
    assert text(block.select_one("a.button")) == "Programme and registration"
    assert block.select_one("a.button")["href"] == "/en/dialogues/example-series/example-session/"


def test_without_upcoming_sessions_the_latest_past_one(client, session_fr):
    for example in SessionPage.objects.filter(slug__in=["session-d-exemple", "example-session"]):
        example.unpublish()
    block = section(client, "/en/")
    assert text(block.h2) == "Latest session"
    # #5's date was never confirmed, so the latest session that took place is #4.
    assert text(block.h3) == "Defending meaningful co-production"
    assert "16 April 2026, 3-5 pm CEST / 2-4 pm BST" in text(block)
    assert text(section(client, "/fr/").h2) == "Dernière session"


def test_a_cancelled_session_is_not_announced(client, make_session):
    for example in SessionPage.objects.filter(slug__in=["session-d-exemple", "example-session"]):
        example.unpublish()
    make_session(title="Annulée", status=SessionPage.Status.CANCELLED)
    block = section(client, "/fr/")
    assert text(block.h2) == "Dernière session" and "Annulée" not in text(block.h3)


def test_no_section_on_other_pages(client):
    assert soup(client.get("/fr/a-propos-des-dialogues/")).select_one(".home-session") is None
