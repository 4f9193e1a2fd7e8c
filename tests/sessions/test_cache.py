"""Pages that change with the clock tell caches when: a session going live or ending."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.cache import get_max_age

from sessions.models import SessionPage

from ..clock import frozen
from .conftest import soup, text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def example_far_away():
    """Keep the demo's example session from being the next change of the series."""
    SessionPage.objects.filter(slug__in=["session-d-exemple", "example-session"]).update(
        starts_at=timezone.now() + timedelta(days=30), ends_at=timezone.now() + timedelta(days=31)
    )


def max_age(response):
    assert response.status_code == 200
    return get_max_age(response)


def test_a_session_starting_soon_is_cached_until_it_starts(client, make_session, home_fr):
    with frozen() as now:
        session = make_session(starts_at=now + timedelta(seconds=90))
        assert max_age(client.get(session.url)) == 90
        assert max_age(client.get(session.get_parent().url)) == 90
        # The home page announces it as the next session, so it changes then too.
        home = client.get(home_fr.url)
        assert text(soup(home).select_one(".home-session h3")) == session.title
        assert max_age(home) == 90


def test_a_live_session_is_cached_until_it_ends(client, make_session):
    with frozen() as now:
        session = make_session(
            starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(seconds=60)
        )
        response = client.get(session.url)
        assert text(soup(response).select_one(".session__status")) == "En cours"
        assert max_age(response) == 60


def test_far_changes_leave_caching_to_the_page_cache(client, session_fr, series_fr):
    assert max_age(client.get(session_fr(1).url)) is None  # past: nothing will change
    session = session_fr(2)
    session.starts_at = timezone.now() + timedelta(days=3)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save_revision().publish()
    assert max_age(client.get(session.url)) is None
    assert max_age(client.get(series_fr.url)) is None


def test_next_change_follows_the_status(make_session):
    now = timezone.now()
    scheduled = make_session(starts_at=now + timedelta(hours=1))
    assert scheduled.next_change(now) == scheduled.starts_at
    assert scheduled.next_change(scheduled.starts_at) == scheduled.ends_at
    assert scheduled.next_change(scheduled.ends_at) is None
    cancelled = make_session(starts_at=now + timedelta(hours=1), status="cancelled")
    assert cancelled.next_change(now) == cancelled.ends_at
    postponed = make_session(starts_at=now + timedelta(hours=1), status="postponed")
    assert postponed.next_change(now) is None
    # A month to be confirmed changes when it is over, at midnight in Paris. The clock is
    # passed in, so these dates never go stale.
    tbc = make_session(starts_at=None, status="tbc", provisional_month=date(2025, 12, 1))
    change = timezone.localtime(tbc.next_change(datetime(2025, 11, 15, tzinfo=UTC)))
    assert (change.year, change.month, change.day, change.hour) == (2026, 1, 1, 0)
