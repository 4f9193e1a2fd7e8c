"""What the rehearsal's external checkers (the Nu HTML Checker, Lighthouse) found."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from practices.models import Lab
from practices.models.library import LibraryPage
from sessions.models import SessionPage

pytestmark = pytest.mark.django_db


def test_a_start_time_set_to_the_microsecond_is_valid_html(settings):
    # Times set by code (an import, a script) carry microseconds; HTML's datetime
    # attribute takes at most three digits of a fraction of a second.
    settings.FAIRVILLE_PAGE_CACHE_SECONDS = 0
    session = SessionPage.objects.live().filter(locale__language_code="en").exclude(starts_at=None)
    session = session.first()
    starts = (timezone.now() + timedelta(days=3)).replace(microsecond=491463)
    SessionPage.objects.filter(pk=session.pk).update(starts_at=starts, ends_at=starts)
    html = Client().get(session.url).content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert starts.strftime("%Y-%m-%dT%H:%M") in " ".join(stamps)
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?Z?)?", stamp), stamp


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_lab_page_has_a_description_for_search_engines(language):
    lab = Lab.objects.filter(locale__language_code=language).exclude(description="").first()
    assert lab is not None, "the demo's labs have descriptions"
    library = LibraryPage.objects.live().get(locale=lab.locale)
    with translation.override(language):
        html = Client().get(library.lab_url(lab)).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)">', html)
    assert description, "no meta description"
    assert description.group(1).strip()
    assert "<" not in description.group(1)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_search_results_stay_out_of_indexes_and_the_search_page_does_not(language):
    # Lighthouse's SEO counted a missing description on top of the deliberate noindex.
    # Any address with parameters (a query, a filter, a page number) is a results page:
    # endless, and nothing of its own. noindex.
    # The search page itself is a page like others, found by those who look for it.
    noindex = '<meta name="robots" content="noindex">'
    with translation.override(language):
        for query in ({"q": "dialogue"}, {"kind": "session"}, {"page": "2"}, {"q": "x" * 300}):
            html = Client().get(reverse("search"), query).content.decode()
            assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
            assert noindex in html, query
        html = Client().get(reverse("search")).content.decode()
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert 'name="robots"' not in html
