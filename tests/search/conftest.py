import pytest
from django.core.cache import cache
from wagtail.search.backends import get_search_backend

from search.backends.site import SiteQuery


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The search endpoints are rate-limited per client; every test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def backend():
    return get_search_backend()


@pytest.fixture
def site_search(backend):
    """Search the public site as the search page does; returns the results."""

    def run(text, languages=("fr",), **filters):
        return backend.site_search(SiteQuery(text, tuple(languages), filters, limit=20))

    return run


def titles(results):
    return [hit.title for hit in results.hits]
