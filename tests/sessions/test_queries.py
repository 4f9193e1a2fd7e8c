"""Database work per page does not grow with the number of contributors or sessions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from sessions.models import ContributorRole, Organisation, Person

pytestmark = pytest.mark.django_db

# The whole page, rendered (the page cache off). From the second render on, the route,
# the menu, footer, language links, other apps' sections and the programme are read from
# the shared cache (cms/fragments.py, cms/routing.py): one query for a session page, six
# for the series (its session cards), on SQLite and PostgreSQL alike.
SESSION_PAGE_LIMIT = 2
SERIES_PAGE_LIMIT = 8


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    # Served from the page cache, a page costs no query at all: these counts are renders.
    settings.FAIRVILLE_PAGE_CACHE_SECONDS = 0


def people(fr, count):
    role = ContributorRole.objects.filter(locale=fr).first()
    result = []
    for n in range(count):
        organisation = Organisation.objects.create(locale=fr, name=f"Organisation {n}")
        photo = None
        if n % 2:
            photo = Image.objects.create(title=f"Photo {n}", file=get_test_image_file())
        person = Person.objects.create(
            locale=fr,
            name=f"Personne {n}",
            organisation=organisation,
            city="Lyon",
            country="FR",
            photo=photo,
            bio="Une courte biographie.",
        )
        result.append((person, role))
    return result


def count_queries(client, url, limit):
    client.get(url)  # renditions and caches are made once, on a first visit
    with limit, CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_a_session_page_costs_the_same_with_2_or_20_contributors(
    client, fr, make_session, django_assert_max_num_queries
):
    small = make_session(slug="petite", contributors=people(fr, 2))
    large = make_session(slug="grande", contributors=people(fr, 20))
    limit = django_assert_max_num_queries(SESSION_PAGE_LIMIT)
    small_count, _ = count_queries(client, small.url, limit)
    limit = django_assert_max_num_queries(SESSION_PAGE_LIMIT)
    large_count, response = count_queries(client, large.url, limit)
    assert response.content.decode().count('class="person"') == 20
    assert response.content.decode().count("person__photo") == 10
    assert large_count == small_count


def test_a_series_page_costs_the_same_with_more_sessions(
    client, series_fr, make_session, django_assert_max_num_queries
):
    before, _ = count_queries(
        client, series_fr.url, django_assert_max_num_queries(SERIES_PAGE_LIMIT)
    )
    for n in range(10):
        make_session(slug=f"en-plus-{n}", number=100 + n)
    after, response = count_queries(
        client, series_fr.url, django_assert_max_num_queries(SERIES_PAGE_LIMIT)
    )
    # The seed's five sessions and the ten made here.
    assert response.content.decode().count("session-card__title") == 15
    assert after == before
