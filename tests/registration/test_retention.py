"""The purge, for what the first retention test does not reach: the "tell me when
registration opens" addresses, and sessions with no end date."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from sessions.models import OpeningNotice, Registration, SessionPage

from .conftest import starting_in

pytestmark = pytest.mark.django_db


def purge():
    out = StringIO()
    call_command("purge_registrations", stdout=out)
    return out.getvalue()


def ask(session, email, notified_at=None):
    return OpeningNotice.objects.create(
        session=session, email=email, language="fr", notified_at=notified_at
    )


def registered(session, email):
    return Registration.objects.create(
        session=session,
        first_name="Awa",
        last_name="D",
        email=email,
        role="resident",
        language="fr",
        status=Registration.Status.CONFIRMED,
    )


def test_opening_notices_go_30_days_after_the_session(example_fr, set_session):
    ask(example_fr, "told@example.org", notified_at=timezone.now())
    ask(example_fr, "never-told@example.org")

    set_session(**starting_in(-timedelta(days=29, hours=3)))  # ended 29 days ago
    purge()
    assert OpeningNotice.objects.count() == 2

    set_session(**starting_in(-timedelta(days=31)))
    purge()
    assert not OpeningNotice.objects.exists()


def month(delta_months):
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 + delta_months
    return date(index // 12, index % 12 + 1, 1)


def test_a_session_with_no_end_date_is_purged_after_its_month(example_fr, set_session):
    """A session whose date is still to be confirmed has no end date: its month counts."""
    session = set_session(
        status=SessionPage.Status.TO_BE_CONFIRMED,
        provisional_month=month(0),
        starts_at=None,
        ends_at=None,
    )
    ask(session, "waiting-for-a-date@example.org")
    registered(session, "registered-before@example.org")  # before its date was withdrawn
    assert "0 registration(s) purged" in purge()
    assert OpeningNotice.objects.count() == 1 and Registration.objects.count() == 1

    # Three months ago: its month ended more than 30 days ago, whatever today is.
    SessionPage.objects.filter(pk=session.pk).update(provisional_month=month(-3))
    assert "1 registration(s) purged" in purge()
    assert not OpeningNotice.objects.exists() and not Registration.objects.exists()
