"""Helpers the test packages share (fixtures go in conftest modules)."""

from bs4 import BeautifulSoup
from django.core.cache.backends.base import BaseCache


def soup(response, status=200):
    """The response's HTML, parsed, once it has answered ``status`` (None: any status)."""
    if status is not None:
        assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    """A node's text as a reader sees it: words separated by single spaces."""
    return " ".join(node.get_text(" ", strip=True).split())


class DownCache(BaseCache):
    """A cache that cannot be reached, as Redis stopped: every call raises what the Redis
    client raises (redis.exceptions.ConnectionError subclasses ConnectionError). Stands in
    for a stopped Redis server, which the test process cannot run."""

    def __init__(self, location, params):
        super().__init__(params)

    def _down(self, *args, **kwargs):
        raise ConnectionError("Error 111 connecting to localhost:6379. Connection refused.")

    add = get = set = touch = delete = incr = clear = has_key = _down


# The rate-limit store down, the page cache still up.
RATELIMIT_STORE_DOWN = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "tests.helpers.DownCache"},
}
