"""Database work per page in the language these settings add: each kind of page costs no
more queries than the same page in English, and none once in the page cache.

English is the yardstick because it is a translation too: a page in the source language
(French) costs one query less, since Wagtail finds the site's root page in its own
language without asking. The counts are of a render with every cache empty (menus,
footers, search results read from the database), after a first visit has made what is
made once (image renditions).
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from practices.models import CaseStudyPage, LibraryPage
from sessions.demo import EXAMPLE_SLUG
from sessions.models import DialoguesPage, SeriesPage, SessionPage

pytestmark = pytest.mark.django_db

CAIRO = "exemple-cooperative-habitants-le-caire"


def version(model, language, **source):
    """The live version in ``language`` of the French page ``source`` names."""
    page = model.objects.get(locale__language_code="fr", **source)
    return page.get_translation(Locale.objects.get(language_code=language))


def addresses(language):
    """{kind of page: its address in ``language``}."""
    library = version(LibraryPage, language)
    with translation.override(language):
        search = reverse("search")
    return {
        "home": f"/{language}/",
        "library": library.url,
        "library filtered": f"{library.url}?lab=le-caire",
        "library, page 2": f"{library.url}?page=2",
        "lab": library.route_url("lab", "le-caire"),
        "codebook": library.route_url("codebook"),
        "proposal form": library.route_url("propose"),
        "case study": version(CaseStudyPage, language, slug=CAIRO).url,
        "dialogues": version(DialoguesPage, language).url,
        "series": version(SeriesPage, language, slug="serie-d-exemple").url,
        "session with its form": version(SessionPage, language, slug=EXAMPLE_SLUG).url,
        "search": f"{search}?q=Fairville&lang=all",
        "library feed": library.route_url("feed_rss"),
    }


def queries(client, path):
    client.get(path)  # what is made once, on a first visit
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


@pytest.fixture
def rendered_every_time(settings):
    settings.FAIRVILLE_PAGE_CACHE_SECONDS = 0


def test_a_page_costs_no_more_queries_than_in_english(client, added_language, rendered_every_time):
    english, added = addresses("en"), addresses(added_language)
    counts = {
        kind: (queries(client, added[kind]), queries(client, english[kind])) for kind in added
    }
    dearer = {kind: count for kind, count in counts.items() if count[0] > count[1]}
    assert not dearer, f"({added_language}, en) queries: {dearer}"
    # Not vacuous: the pages read the database when nothing is cached.
    assert all(count[0] > 0 for count in counts.values()), counts


def test_pages_in_the_language_come_from_the_page_cache(
    client, added_language, settings, django_assert_num_queries
):
    settings.FAIRVILLE_PAGE_CACHE_SECONDS = 300
    for kind, path in addresses(added_language).items():
        if kind in ("proposal form", "search"):
            # A form with a CSRF token is never shared (cms/pagecache.py); search answers
            # from its own results cache, not the page cache.
            continue
        first = client.get(path)
        assert first.status_code == 200, path
        with django_assert_num_queries(0):
            again = client.get(path)
        assert again.content == first.content, path
