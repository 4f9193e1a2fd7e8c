"""Shared fixtures: a database holding the demo site in French and English.

The demo is loaded once per test database, right after it is created, so every
test starts from the same bilingual site an editor would see after `make run`.
Tests that need a live server (transactional) run last and load it themselves.
"""

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from cms.demo import DemoLoader
from cms.models import HomePage


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        DemoLoader().run()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test sends no signal, so a page
    it cached (or a rate-limit count) would otherwise outlive its data."""
    cache.clear()


@pytest.fixture
def fr(db):
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def en(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home_fr(fr):
    return HomePage.objects.get(locale=fr)


@pytest.fixture
def home_en(en):
    return HomePage.objects.get(locale=en)


@pytest.fixture
def demo_live(transactional_db):
    """The demo site for live-server tests, whose database is flushed after each test."""
    DemoLoader().run()
