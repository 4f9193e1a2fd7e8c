"""The parts every page shares (menu, footer, language links) are kept between renders,
and forgotten by the page cache's rules: a visitor never sees them stale.

The page cache is off in these tests, so every answer is a fresh render: only the
shared parts (cms/fragments.py) can be kept, and they are what is checked.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.models import Footer, MainMenu, MenuItem, StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

ABOUT_EN = "/en/about-the-dialogues/"
ABOUT_FR = "/fr/a-propos-des-dialogues/"


def header(url):
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode().split("</header>")[0]


def footer(url):
    return Client().get(url).content.decode().split('<footer class="site-footer">')[1]


def queries(url):
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    return len(captured)


def test_a_second_render_reads_the_shared_parts_instead_of_querying(settings):
    queries(ABOUT_EN)  # fills the shared parts
    kept = queries(ABOUT_EN)
    settings.FAIRVILLE_FRAGMENT_CACHE_SECONDS = 0
    built = queries(ABOUT_EN)
    # Menu, footer (and their links' pages), the home link, the language versions.
    assert built - kept >= 8, (built, kept)


def test_a_menu_item_added_shows_at_once_in_its_language_only(fr):
    assert "Politique de confidentialité" not in header(ABOUT_FR)
    header(ABOUT_EN)
    menu = MainMenu.objects.get(locale=fr)
    privacy = StandardPage.objects.get(locale=fr, slug="politique-de-confidentialite")
    MenuItem.objects.create(menu=menu, link_page=privacy, sort_order=99, locale=fr)
    assert "Politique de confidentialité" in header(ABOUT_FR)
    # The English menu is another menu: still without it.
    assert "Privacy notice" not in header(ABOUT_EN)


def test_a_renamed_page_is_renamed_in_the_menu(en):
    assert ">About<" in header(ABOUT_EN) or "About the" in header(ABOUT_EN)
    about = StandardPage.objects.get(url_path__endswith="/about-the-dialogues/", locale=en)
    item = MenuItem.objects.filter(link_page__translation_key=about.translation_key).first()
    item.label = ""
    item.save()
    about.title = "What the Dialogues are"
    about.save_revision().publish()
    assert "What the Dialogues are</a>" in header("/en/")


def test_the_current_page_is_marked_on_its_own_page_only(en):
    about = header(ABOUT_EN)
    home = header("/en/")
    assert f'href="{ABOUT_EN}" aria-current="page"' in about
    assert f'href="{ABOUT_EN}" aria-current="page"' not in home


def test_an_edited_footer_shows_at_once(en):
    assert "A new footer line" not in footer(ABOUT_EN)
    text = Footer.objects.get(locale=en)
    text.text = "<p>A new footer line</p>"
    text.save()
    assert "A new footer line" in footer(ABOUT_EN)


def test_an_unpublished_translation_leaves_the_language_switcher_at_once(en):
    assert f'href="{ABOUT_EN}" hreflang="en"' in header(ABOUT_FR)
    StandardPage.objects.get(url_path__endswith="/about-the-dialogues/", locale=en).unpublish()
    switcher = header(ABOUT_FR)
    assert f'href="{ABOUT_EN}"' not in switcher
    # The English address of the French page now says it has no English version.
    assert 'href="/en/a-propos-des-dialogues/" hreflang="en"' in switcher


def test_a_session_published_sooner_becomes_the_next_session_on_the_home_page(fr):
    from datetime import timedelta

    from django.utils import timezone

    from sessions.models import SeriesPage, SessionPage

    assert "Une session plus proche" not in Client().get("/fr/").content.decode()
    series = SeriesPage.objects.live().filter(locale=fr).first()
    soon = SessionPage(
        title="Une session plus proche",
        slug="une-session-plus-proche",
        starts_at=timezone.now() + timedelta(hours=2),
        ends_at=timezone.now() + timedelta(hours=4),
    )
    series.add_child(instance=soon)
    soon.save_revision().publish()
    assert "Une session plus proche" in Client().get("/fr/").content.decode()


def test_an_unpublished_featured_case_study_leaves_the_home_page(en):
    from practices.models import CaseStudyPage

    featured = CaseStudyPage.objects.live().filter(locale=en, featured=True).first()
    assert f'href="{featured.url}"' in Client().get("/en/").content.decode()
    featured.unpublish()
    assert f'href="{featured.url}"' not in Client().get("/en/").content.decode()


def test_what_the_clock_has_already_changed_is_not_kept():
    from datetime import timedelta

    from django.utils import timezone

    from cms.fragments import shared

    built = []

    def build():
        built.append(1)
        return "the next session"

    def passed(value):
        return timezone.now() - timedelta(seconds=1)

    def ahead(value):
        return timezone.now() + timedelta(hours=1)

    shared("a-test", build, until=passed)
    shared("a-test", build, until=passed)
    assert len(built) == 2
    shared("another-test", build, until=ahead)
    shared("another-test", build, until=ahead)
    assert len(built) == 3


def test_a_render_reads_the_shared_cache_once(monkeypatch):
    """Kept parts cost one read of the shared cache per render (the version), not two
    per part: each process keeps its own copy of what is valid under that version."""
    from django.core.cache import caches

    shared_cache = caches["default"]
    header(ABOUT_EN)  # fills the shared parts
    reads = []
    for method in ("get", "get_many"):
        original = getattr(shared_cache, method)

        def counted(*args, _original=original, **kwargs):
            reads.append(args[0])
            return _original(*args, **kwargs)

        monkeypatch.setattr(shared_cache, method, counted)
    header(ABOUT_EN)
    assert len(reads) == 1, reads


def test_a_change_published_by_another_process_shows_at_once(en):
    """Another web or task worker's publish replaces the version in the shared cache,
    without any signal in this process: this process's copies are then never read."""
    from cms import pagecache

    assert "Renamed elsewhere" not in footer(ABOUT_EN)
    # As another process would change it: no signal here (update()), a new version there.
    Footer.objects.filter(locale=en).update(text="<p>Renamed elsewhere</p>")
    from django.core.cache import cache

    cache.set(pagecache.VERSION_KEY, "a version set by another process", None)
    assert "Renamed elsewhere" in footer(ABOUT_EN)
