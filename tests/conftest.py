"""Shared fixtures: a database holding the demo site in French and English.

The demo is loaded once per test database, right after it is created, so every test
starts from the same bilingual site an editor would see after `make run`.

Two kinds of database tests, and what each costs:

- ``db`` (most tests): the test runs inside a transaction that is rolled back. Free.
- ``transactional_db``, and so every live-server test (``demo_live``, and ``site`` in
  tests/browser/): the data must be committed for the server's thread to see it, so the
  database is flushed after the test and the demo put back before the next one, from a
  copy taken once (tests/snapshot.py).
  pytest-django runs these after all ``db`` tests. Put several checks in one such test
  rather than many small ones, and use the Django test client when a browser proves
  nothing more.

Never load or change the demo in a session- or module-scoped fixture: changes would
outlive the test, and the copy is taken before any test runs.
"""

import shutil

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from wagtail.models import Locale

from cms import fragments, pagecache
from cms.api import endpoints
from cms.demo import DemoLoader
from cms.models import HomePage
from tests import helpers, snapshot
from tests.crawl import START, crawl


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        DemoLoader().run()
        snapshot.take()


@pytest.fixture
def transactional_db(django_db_serialized_rollback, transactional_db):
    """pytest-django's, starting from the demo as loaded (tests/snapshot.py) instead of an
    empty database; the database is flushed after the test, without post_migrate."""
    snapshot.restore()


@pytest.fixture
def database_tasks(settings, transactional_db):
    """Production's task backend (django_tasks_db) with real transactions, where the suite
    runs each task at once (ImmediateBackend), even in a transaction later rolled back.
    Its worker: ``tests.helpers.run_worker``."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test sends no signal, so a page
    it cached (or a rate-limit count) would otherwise outlive its data. So do the pages a
    process keeps while the shared cache is unreachable (cms.pagecache)."""
    cache.clear()
    pagecache._outage.clear()
    fragments._outage.clear()


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
def page_cache_off(settings):
    """Every page rendered, while the parts pages share (cms/fragments.py) stay cached:
    what a visitor meets when the page cache does not hold the page."""
    settings.FAIRVILLE_PAGE_CACHE_SECONDS = 0
    settings.FAIRVILLE_FRAGMENT_CACHE_SECONDS = 300


@pytest.fixture
def reviewer(django_user_model):
    """A member of the Moderators group, who reviews proposed case studies."""
    user = django_user_model.objects.create_user(
        "reviewer", "reviewer@fairville.invalid", "pw", first_name="Rev"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def demo_live(transactional_db):
    """The demo site, committed, for live-server tests: the test may change anything, the
    next one starts from the demo as loaded again (see ``transactional_db``)."""


@pytest.fixture(scope="session")
def public_responses(django_db_setup, django_db_blocker):
    """Every public URL a visitor can reach from the home pages, robots.txt, the sitemap
    and the API's listings (and the feeds, pages and API details they link to), fetched
    once anonymously: {url: response}. Shared by the crawl tests: a crawl costs 15 s."""
    with django_db_blocker.unblock():
        api = [f"/api/v2/{name}/" for name in sorted(endpoints())]
        return crawl(Client(), start=(*START, *api))


@pytest.fixture
def nginx_without_gunicorn():
    """The rehearsal's nginx, configured as docs/deploy.md prescribes
    (scripts/rehearsal/stack.py), its error pages written by the release step, in front of
    a gunicorn that is down. Yields its https base URL."""
    stack_module = helpers.rehearsal_stack()
    stack = stack_module.Stack()
    try:
        stack._tls()
        stack._add("nginx", ["nginx", "-c", str(stack._nginx_conf())]).start()
        stack_module.wait_for_port(stack.ports["nginx"])
        yield stack.base_url
    finally:
        if "nginx" in stack.services:
            stack.services["nginx"].stop()
        shutil.rmtree(stack.workdir, ignore_errors=True)
