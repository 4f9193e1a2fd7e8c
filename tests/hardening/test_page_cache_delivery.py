"""What a page served from the cache costs: one read of the cache, no compression.

A cached hit used to read the cache twice (the versions, then the page under a key made
from them) and hand nginx the page uncompressed, which nginx then gzipped again on every
hit. The page is now stored compressed once, with its versions inside it, and read in
one round trip; a client that does not take gzip still gets the plain page.
"""

import gzip

import pytest
from django.core.cache import cache
from django.test import Client

from cms.cache import OneClientRedisCache

pytestmark = pytest.mark.django_db

ABOUT = "/en/about-the-dialogues/"


class CountedReads:
    """Counts the cache reads a request makes (each is one round trip to Redis). The
    test settings' local-memory cache answers get_many with get: only the outer call
    counts."""

    def __init__(self, monkeypatch):
        self.reads, self.depth = 0, 0
        for name in ("get", "get_many", "has_key"):
            original = getattr(cache, name)
            monkeypatch.setattr(cache, name, self.counted(original))

    def counted(self, original):
        def read(*args, **kwargs):
            self.reads += self.depth == 0
            self.depth += 1
            try:
                return original(*args, **kwargs)
            finally:
                self.depth -= 1

        return read


def test_a_browser_gets_the_stored_page_compressed_and_identical():
    plain = Client().get(ABOUT)
    assert plain.status_code == 200
    hit = Client().get(ABOUT, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert hit.status_code == 200
    assert hit["Content-Encoding"] == "gzip"
    assert int(hit["Content-Length"]) == len(hit.content)
    assert gzip.decompress(hit.content) == plain.content
    assert "Accept-Encoding" in hit["Vary"]
    # Security headers survive the round trip through the cache.
    assert hit["Content-Security-Policy"] == plain["Content-Security-Policy"]


@pytest.mark.parametrize("accepts", ["", "identity", "br", "deflate"])
def test_a_client_without_gzip_gets_the_plain_page(accepts):
    first = Client().get(ABOUT)
    hit = Client().get(ABOUT, HTTP_ACCEPT_ENCODING=accepts)
    assert hit.status_code == 200
    assert "Content-Encoding" not in hit
    assert hit.content == first.content
    assert b"About the Dialogues" in hit.content
    assert int(hit["Content-Length"]) == len(hit.content)
    assert "Accept-Encoding" in hit["Vary"]


def test_a_cached_page_costs_one_read_of_the_cache(monkeypatch, django_assert_num_queries):
    Client().get(ABOUT)
    Client().get(f"{ABOUT}?page=2")
    counted = CountedReads(monkeypatch)
    with django_assert_num_queries(0):
        assert Client().get(ABOUT, HTTP_ACCEPT_ENCODING="gzip").status_code == 200
    assert counted.reads == 1
    counted.reads = 0
    with django_assert_num_queries(0):
        assert Client().get(f"{ABOUT}?page=2").status_code == 200
    assert counted.reads == 1


def test_an_answer_stored_under_old_versions_is_never_served(en):
    """The versions travel inside the stored answer: a publish makes it a miss."""
    from cms.models import StandardPage

    assert b"About the Dialogues" in Client().get(ABOUT).content
    page = StandardPage.objects.get(locale=en, slug="about-the-dialogues")
    page.title = "About the Dialogues, revised"
    page.save_revision().publish()
    for accepts in ("gzip", "gzip", ""):  # a miss, then hits
        answer = Client().get(ABOUT, HTTP_ACCEPT_ENCODING=accepts)
        body = answer.content
        if answer.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        assert b"About the Dialogues, revised" in body


def test_the_redis_cache_builds_one_client_per_server():
    """No connection is made here: building the client is what used to cost."""
    backend = OneClientRedisCache("redis://127.0.0.1:9/0", {})._cache
    assert backend.get_client() is backend.get_client(write=True)
    assert backend.get_client("a") is backend.get_client("b")
