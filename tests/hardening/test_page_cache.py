"""Anonymous visitors get public pages from the cache, and never a stale or personal one."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.models import MainMenu, MenuItem, StandardPage
from cms.translation import sync

pytestmark = pytest.mark.django_db

ABOUT = "/en/about-the-dialogues/"


def visit(url, **extra):
    """A first-time visitor: a fresh client, no cookie."""
    return Client().get(url, **extra)


def rendered(client, url):
    """Whether answering ``url`` needed the database, i.e. did not come from the cache."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries) > 0


def test_a_second_visit_is_served_from_the_cache_without_touching_the_database(
    django_assert_num_queries,
):
    first = visit(ABOUT)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = visit(ABOUT)
    assert second.status_code == 200
    assert second.content == first.content
    # The headers come back too, security headers included.
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_a_visitor_who_already_has_the_csrf_cookie_shares_the_cache(django_assert_num_queries):
    client = Client()
    client.cookies["csrftoken"] = "x" * 32
    client.get(ABOUT)
    with django_assert_num_queries(0):
        assert client.get(ABOUT).status_code == 200


def test_each_language_has_its_own_entry():
    assert b"About the Dialogues" in visit(ABOUT).content
    french = visit("/fr/a-propos-des-dialogues/")
    assert b"propos des Dialogues" in french.content
    assert b'lang="fr"' in visit("/fr/a-propos-des-dialogues/").content
    assert b'lang="en"' in visit(ABOUT).content


def test_publishing_a_page_shows_the_new_text_at_once(en):
    assert b"About the Dialogues" in visit(ABOUT).content
    assert b"About the Dialogues" in visit("/en/").content  # in the menu
    assert not rendered(Client(), ABOUT) and not rendered(Client(), "/en/")
    page = StandardPage.objects.get(locale=en, slug="about-the-dialogues")
    page.title = "About these Dialogues"
    page.save_revision().publish()

    assert b"About these Dialogues" in visit(ABOUT).content
    # Other pages show the title in their menu: they are forgotten too.
    assert b"About these Dialogues" in visit("/en/").content


def test_a_saved_draft_changes_nothing_for_visitors(en):
    visit(ABOUT)
    page = StandardPage.objects.get(locale=en, slug="about-the-dialogues")
    page.title = "A draft title"
    page.save_revision()
    assert b"A draft title" not in visit(ABOUT).content


def test_unpublished_and_deleted_pages_are_gone_at_once(en):
    assert visit(ABOUT).status_code == 200
    assert not rendered(Client(), ABOUT)
    StandardPage.objects.get(locale=en, slug="about-the-dialogues").unpublish()
    assert visit(ABOUT).status_code == 404

    privacy = "/en/privacy-notice/"
    assert visit(privacy).status_code == 200
    StandardPage.objects.get(locale=en, slug="privacy-notice").delete()
    assert visit(privacy).status_code == 404


def test_a_page_made_private_is_no_longer_shown_from_the_cache(en):
    assert b"co-production of just cities" in visit(ABOUT).content
    assert not rendered(Client(), ABOUT)
    PageViewRestriction.objects.create(
        page=StandardPage.objects.get(locale=en, slug="about-the-dialogues"),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    assert b"co-production of just cities" not in visit(ABOUT).content


def test_editing_the_menu_snippet_shows_on_every_page(fr, en, home_fr):
    assert b"Privacy notice" not in visit(ABOUT).content.split(b"</header>")[0]
    assert not rendered(Client(), ABOUT)
    menu = MainMenu.objects.get(locale=fr)
    privacy = StandardPage.objects.get(locale=fr, slug="politique-de-confidentialite")
    MenuItem.objects.create(menu=menu, link_page=privacy, sort_order=99, locale=fr)
    sync(menu)
    assert b"Privacy notice" in visit(ABOUT).content.split(b"</header>")[0]


def test_signed_in_editors_bypass_the_cache():
    anonymous = visit(ABOUT)
    assert b"wagtail-userbar" not in anonymous.content

    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("ed", "ed@example.org", "pw"))
    for _ in range(2):
        assert rendered(editor, ABOUT)
        assert b"wagtail-userbar" in editor.get(ABOUT).content

    # And the editor's page (with its userbar) was not stored for anyone else.
    assert b"wagtail-userbar" not in visit(ABOUT).content


@pytest.mark.parametrize("cookie", ["sessionid", "messages", "anything-else"])
def test_a_visitor_with_a_session_or_pending_message_is_not_served_from_the_cache(cookie):
    assert rendered(Client(), ABOUT)
    assert not rendered(Client(), ABOUT)
    client = Client()
    client.cookies[cookie] = "value"
    assert rendered(client, ABOUT)


def test_the_cache_can_be_turned_off(settings):
    settings.FAIRVILLE_PAGE_CACHE_SECONDS = 0
    assert rendered(Client(), ABOUT)
    assert rendered(Client(), ABOUT)


@override_settings(ROOT_URLCONF="tests.hardening.pagecache_urls")
def test_a_plain_page_is_shared():
    assert visit("/fr/fresh/").content == visit("/fr/fresh/").content
    assert visit("/en/fresh/").content != visit("/fr/fresh/").content
    # Each query string is its own page.
    assert visit("/fr/fresh/?page=2").content != visit("/fr/fresh/").content


@override_settings(ROOT_URLCONF="tests.hardening.pagecache_urls")
@pytest.mark.parametrize(
    "url",
    [
        "/fr/form/",  # a form that posts holds a CSRF token tied to one visitor
        "/fr/cookie/",
        "/fr/nonce/",
        "/fr/private/",
        "/fr/never/",
        "/fr/short/",
        "/fr/vary/",
        "/fr/missing/",
    ],
)
def test_personal_or_uncacheable_answers_are_never_shared(url):
    assert visit(url).content != visit(url).content


@override_settings(ROOT_URLCONF="tests.hardening.pagecache_urls")
def test_only_gets_are_cached():
    visit("/fr/fresh/")
    assert Client().post("/fr/fresh/").content != Client().post("/fr/fresh/").content
