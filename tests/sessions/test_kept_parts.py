"""A session page's content is kept between renders (``{% fragment %}``, cms/fragments.py),
and a visitor never sees it stale, another visitor's form, or a count of places gone by.

The page cache is off here: every answer is a render, in which only the kept parts can
come from the cache.
"""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sessions.models import SessionPage, SessionQuestion
from tests.clock import frozen
from tests.registration.conftest import form_data, register_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def example_fr(fr):
    """The demo's example session: it takes registrations (a form on its page)."""
    return SessionPage.objects.get(locale=fr, slug="session-d-exemple")


@pytest.fixture
def first_fr(fr):
    """Session #1 of the Levers series: ten contributors, levers, case studies."""
    return SessionPage.objects.live().filter(locale=fr, number=1).order_by("path").first()


def html(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def queries(url):
    with CaptureQueriesContext(connection) as captured:
        html(url)
    return len(captured)


def publish(page, **fields):
    page = SessionPage.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("which", ["first_fr", "example_fr"])
def test_a_kept_session_page_reads_exactly_as_a_fresh_render(request, settings, which):
    url = request.getfixturevalue(which).url
    html(url)  # renditions made, parts kept
    kept = html(url)
    settings.FAIRVILLE_FRAGMENT_CACHE_SECONDS = 0
    assert html(url) == kept


def test_a_second_render_reads_the_kept_parts_instead_of_querying(settings, first_fr):
    html(first_fr.url)
    kept = queries(first_fr.url)
    settings.FAIRVILLE_FRAGMENT_CACHE_SECONDS = 0
    built = queries(first_fr.url)
    # The route, the series, the contributors and their photos, the levers, the
    # recordings, the citation's settings: read, not queried.
    assert built - kept >= 15, (built, kept)
    assert kept <= 10, kept


# What an uncached render of a session page still queries once its kept parts are read:
# its route (cms/routing.py) and, on a page that takes registrations, whether places
# are left (a count that no kept part may hold).
@pytest.mark.parametrize(
    ("which", "limit", "shown"),
    [
        ("first_fr", 1, ['class="contributors', 'class="session-case-studies"']),
        ("example_fr", 2, ['session__body"', 'class="registration__form"']),
    ],
)
def test_an_uncached_render_queries_only_the_route_and_the_places_left(
    request, django_assert_max_num_queries, which, limit, shown
):
    url = request.getfixturevalue(which).url
    html(url)
    with django_assert_max_num_queries(limit):
        body = html(url)
    assert all(part in body for part in shown), shown


def test_a_published_change_shows_at_once(first_fr):
    before = html(first_fr.url)
    assert "Un titre tout neuf" not in before
    publish(first_fr, title="Un titre tout neuf", intro="<p>Une introduction neuve.</p>")
    after = html(first_fr.url)
    assert "<h1>Un titre tout neuf</h1>" in after
    assert "Une introduction neuve." in after
    # The citation (head and "cite this") too.
    assert after.count("Un titre tout neuf") >= 4


def test_the_status_follows_the_clock_without_any_save(example_fr):
    page = SessionPage.objects.get(pk=example_fr.pk)
    # A minute apart: well within the 300 s a part is otherwise kept.
    with frozen(page.starts_at - timedelta(minutes=1)):
        assert '<span class="badge session__status">À venir</span>' in html(page.url)
    with frozen(page.starts_at + timedelta(minutes=1)):
        assert '<span class="badge session__status">En cours</span>' in html(page.url)
    with frozen(page.ends_at + timedelta(minutes=1)):
        assert '<span class="badge session__status">Passée</span>' in html(page.url)


def test_a_preview_shows_the_draft_and_the_public_page_stays_as_published(rf, admin_user, first_fr):
    # The preview is rendered for the site's own host: the live page is read there too,
    # so that both would meet the same kept parts.
    visitor = Client(HTTP_HOST=urlsplit(first_fr.full_url).netloc)
    live = html(first_fr.url, visitor)
    draft = SessionPage.objects.get(pk=first_fr.pk)
    draft.title = "Titre en brouillon"
    request = rf.get("/admin/")
    request.user = admin_user
    # As the editor's preview panel renders it: the unsaved page, every middleware.
    preview = draft.make_preview_request(request, draft.default_preview_mode)
    assert "<h1>Titre en brouillon</h1>" in preview.content.decode()
    assert html(first_fr.url, visitor) == live


def test_a_refused_registration_is_shown_to_its_visitor_only(client, example_fr):
    html(example_fr.url)  # the empty form is kept
    refused = client.post(
        register_url(example_fr), form_data(email="not-an-address", first_name="Zanele")
    )
    shown = refused.content.decode()
    assert refused.status_code == 200
    assert "registration-errors" in shown and 'value="Zanele"' in shown
    # The next visitor gets the empty form, not the refused one.
    other = html(example_fr.url)
    assert "Zanele" not in other and "not-an-address" not in other
    assert "registration-errors" not in other


def test_the_form_shows_a_question_added_at_once(fr, example_fr):
    assert "Quelle est votre ville" not in html(example_fr.url)
    SessionQuestion.objects.create(
        page=example_fr, text="Quelle est votre ville ?", sort_order=99, locale=fr
    )
    assert "Quelle est votre ville ?" in html(example_fr.url)


def test_a_session_that_fills_up_says_so_at_the_next_render(example_fr):
    from sessions.models import Registration

    home = example_fr.registration_home
    assert "La session est complète." not in html(example_fr.url)
    taken = Registration.objects.filter(session=home).confirmed().count()
    SessionPage.objects.filter(pk=home.pk).update(capacity=taken)  # no signal: not content
    full = BeautifulSoup(html(example_fr.url), "html.parser")
    assert "La session est complète." in full.select_one(".registration__full").get_text()
    button = full.select_one(".registration__form button").get_text()
    assert button == "Rejoindre la liste d'attente"
