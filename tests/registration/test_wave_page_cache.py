"""A wave of sign-ups keeps the session's page in the page cache, and never shows it stale.

Of its registrations, the session's public page shows one thing: whether the session is
full ("The session is full", "Join the waiting list"). A sign-up used to forget the page
in both languages all the same, so during a wave of registrations the most visited page
was rendered again after each one. Now a registration forgets it only when the session
turns full, or no longer full; the next visitor after that sees the new state, in both
languages. A page served from the cache touches no database (0 queries); a render counts
the places.
"""

import pytest
from django.test import Client

from sessions.models import Registration
from sessions.registration import service

from .conftest import soup, text

pytestmark = pytest.mark.django_db


def visit(page):
    """What a new visitor (no cookie) reads of the page's registration block."""
    return text(soup(Client().get(page.url)).select_one("#registration"))


def is_full(page):
    block = visit(page)
    return "La session est complète." in block or "The session is full." in block


def test_sign_ups_keep_the_page_cached_until_the_session_turns_full(
    example_fr, example_en, register, set_session, django_assert_num_queries
):
    set_session(capacity=3)
    for page in (example_fr, example_en):
        assert not is_full(page)  # now in the cache

    # Two places of three taken, from both languages: neither page is forgotten.
    register(example_fr, email="awa@example.org")
    register(example_en, email="ben@example.org", language="en")
    assert Registration.objects.filter(session=example_fr).confirmed().count() == 2
    for page in (example_fr, example_en):
        with django_assert_num_queries(0):  # from the cache, not rendered again
            assert not is_full(page)

    # The last place: both pages say so to the very next visitor.
    register(example_en, email="chloe@example.org", language="en")
    assert "La session est complète." in visit(example_fr)
    assert "The session is full." in visit(example_en)
    assert "Join the waiting list" in visit(example_en)

    # The waiting list grows: the full pages stay in the cache.
    register(example_fr, email="dia@example.org")
    register(example_en, email="eli@example.org", language="en")
    assert Registration.objects.filter(session=example_fr).waiting().count() == 2
    for page in (example_fr, example_en):
        with django_assert_num_queries(0):
            assert is_full(page)


def test_a_cancellation_that_frees_a_place_shows_at_once(
    example_fr, example_en, register, set_session
):
    set_session(capacity=1)
    register(example_fr, email="awa@example.org")
    assert is_full(example_fr) and is_full(example_en)

    # No one waits: the freed place shows on both pages to the next visitor.
    service.cancel(Registration.objects.get(email="awa@example.org"))
    assert not is_full(example_fr) and not is_full(example_en)

    # Someone waits: the place goes to them at once, and the session stays full.
    register(example_en, email="ben@example.org", language="en")
    register(example_fr, email="chloe@example.org")
    assert is_full(example_fr)
    service.cancel(Registration.objects.get(email="ben@example.org"))
    assert Registration.objects.get(email="chloe@example.org").is_confirmed
    assert is_full(example_fr) and is_full(example_en)

    # An organiser deletes the one confirmed registration: a place is free again.
    Registration.objects.get(email="chloe@example.org").delete()
    assert not is_full(example_fr) and not is_full(example_en)


def test_answers_to_a_sessions_questions_forget_no_page(
    example_fr, register, set_session, django_assert_num_queries
):
    """A registrant's answers show on no public page: registering again, which replaces
    them, forgot the whole site's cache."""
    set_session(capacity=5)
    home = Client().get("/fr/")
    assert home.status_code == 200
    register(example_fr, email="awa@example.org")
    registration = Registration.objects.get(email="awa@example.org")
    registration.answers.create(question_text="Pourquoi ?", value="Parce que.")
    registration.answers.all().delete()
    with django_assert_num_queries(0):  # still from the cache
        assert Client().get("/fr/").status_code == 200
