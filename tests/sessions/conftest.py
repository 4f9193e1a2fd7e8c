import pytest
from wagtail.users.models import UserProfile

from sessions.models import SeriesPage, SessionPage
from tests.helpers import soup, text  # noqa: F401 (this package's tests import them from here)


@pytest.fixture
def series_fr(fr):
    return SeriesPage.objects.get(locale=fr, slug="serie-des-leviers")


@pytest.fixture
def series_en(en):
    return SeriesPage.objects.get(locale=en, slug="levers-series")


@pytest.fixture
def session_fr(series_fr):
    """A function giving the French Levers session with this number."""
    return lambda number: SessionPage.objects.child_of(series_fr).get(number=number)


@pytest.fixture
def session_en(series_en):
    return lambda number: SessionPage.objects.child_of(series_en).get(number=number)


@pytest.fixture
def make_session(series_fr):
    """Add a published session to a series (the French Levers series by default)."""

    def make(parent=None, contributors=(), **fields):
        from datetime import timedelta

        from django.utils import timezone

        from sessions.models import SessionContributor

        parent = parent or series_fr
        start = fields.pop("starts_at", timezone.now() + timedelta(days=10))
        fields.setdefault("ends_at", start + timedelta(hours=2) if start else None)
        fields.setdefault("title", "Session de test")
        fields.setdefault("slug", f"test-{SessionPage.objects.count()}")
        page = SessionPage(
            starts_at=start,
            contributors=[
                SessionContributor(person=person, role=role, sort_order=order)
                for order, (person, role) in enumerate(contributors)
            ],
            **fields,
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        return SessionPage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def editor(client, django_user_model):
    def login(language, time_zone=""):
        user = django_user_model.objects.create_superuser(
            f"editor-{language}", f"{language}@fairville.invalid", "pw"
        )
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.current_time_zone = time_zone
        profile.save()
        client.force_login(user)
        return client

    return login
