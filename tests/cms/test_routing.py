"""A page's address is routed once per content version (cms/routing.py), and every change
that moves, renames, unpublishes or restricts a page is followed at once.

The page cache is off here: every answer is a render, routed through cms.routing.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from sessions.models import SeriesPage, SessionPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def session(fr):
    return SessionPage.objects.live().filter(locale=fr, number=1).order_by("path").first()


def get(url):
    return Client().get(url)


def tree_walks(url):
    """The queries of one render that look a page up by its slug (a level of the path)."""
    with CaptureQueriesContext(connection) as captured:
        assert get(url).status_code == 200
    return [q["sql"] for q in captured if '"slug" =' in q["sql"] or "`slug` =" in q["sql"]]


def test_a_known_address_is_not_walked_level_by_level(session):
    assert len(tree_walks(session.url)) >= 3  # the first render: home, series... walked
    assert tree_walks(session.url) == []


def test_a_renamed_page_moves_to_its_new_address_at_once(session):
    old = session.url
    assert get(old).status_code == 200
    session.slug = "un-nouveau-nom"
    session.save_revision().publish()
    new = SessionPage.objects.get(pk=session.pk).url
    assert new.endswith("/un-nouveau-nom/")
    assert get(new).status_code == 200
    assert get(old).status_code == 404


def test_an_unpublished_page_is_gone_at_once(session):
    assert get(session.url).status_code == 200
    session.unpublish()
    assert get(session.url).status_code == 404


def test_a_moved_page_answers_at_its_new_address_only(fr, session):
    old = session.url
    assert get(old).status_code == 200
    other = SeriesPage(title="Une autre série", slug="une-autre-serie")
    SeriesPage.objects.live().filter(locale=fr).first().get_parent().add_child(instance=other)
    other.save_revision().publish()
    SessionPage.objects.get(pk=session.pk).move(other, pos="last-child")
    moved = SessionPage.objects.get(pk=session.pk)
    assert "/une-autre-serie/" in moved.url
    assert get(moved.url).status_code == 200
    # The old address no longer routes: Wagtail's redirect (made by the move) answers.
    answer = get(old)
    assert answer.status_code == 301 and answer["Location"] == moved.url


def test_a_page_made_private_asks_to_sign_in_at_once(session):
    assert get(session.url).status_code == 200
    PageViewRestriction.objects.create(page=session, restriction_type="login")
    answer = get(session.url)
    assert answer.status_code == 302 and "login" in answer["Location"]


def test_each_language_routes_to_its_own_tree(session, en):
    english = session.get_translation(en)
    for _ in range(2):  # built, then kept
        assert get(session.url).context["page"].pk == session.pk
        assert get(english.url).context["page"].pk == english.pk
    # The French address under /en/ leads to the English version, kept or not.
    french_path_in_english = "/en/" + session.url.split("/", 2)[2]
    for _ in range(2):
        wrong = get(french_path_in_english)
        assert wrong.status_code == 302 and wrong["Location"] == english.url


def test_routes_under_a_page_still_answer(session):
    for _ in range(2):
        bibtex = get(session.url + "cite/bibtex/")
        assert bibtex.status_code == 200 and bibtex.content.decode().lstrip().startswith("@")
        assert get(session.url + "cite/nothing/").status_code == 404
