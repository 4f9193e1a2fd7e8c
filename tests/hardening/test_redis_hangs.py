"""A Redis that hangs costs a page one wait at most, not one per cache read (cms/cache.py).

Redis stopped with SIGSTOP, or its host swapping or gone quiet, is not a refused
connection: each read waits for the whole timeout. A render reads and writes the cache
a dozen times or more, so pages took seconds each. Here the hanging Redis is a real
socket that the kernel connects and nobody answers; each attempt to reach it is one
connection in its queue, counted at the end.
"""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.test import Client

from cms import cache as cache_module
from tests.helpers import manage_in_production

pytestmark = pytest.mark.django_db

ABOUT = "/en/about-the-dialogues/"
PAGES = ("/fr/", "/en/", ABOUT)


@pytest.fixture
def hanging_redis():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(512)
        yield sock


def attempts(sock):
    """Connections made to ``sock`` so far (each an attempt that waited)."""
    sock.setblocking(False)
    count = 0
    while True:
        try:
            connection, _ = sock.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


def on_redis(settings, alias, backend, location):
    """The cache ``alias`` on the Redis at ``location``, with short timeouts."""
    options = {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}
    settings.CACHES = {
        **settings.CACHES,
        alias: {"BACKEND": backend, "LOCATION": location, "OPTIONS": options},
    }


@pytest.fixture
def cache_on_hanging_redis(settings, hanging_redis):
    port = hanging_redis.getsockname()[1]
    on_redis(settings, "default", "cms.cache.FailSoftRedisCache", f"redis://127.0.0.1:{port}/0")
    settings.FAIRVILLE_PAGE_CACHE_SECONDS = 300
    settings.FAIRVILLE_FRAGMENT_CACHE_SECONDS = 300
    return hanging_redis


def test_pages_render_and_wait_for_a_hanging_redis_once_at_most(client, cache_on_hanging_redis):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
    # Once in all is what a process pays per rest (cms.cache.REST_SECONDS); once per
    # page if the machine is slow enough for the rest to run out between them.
    waits = attempts(cache_on_hanging_redis)
    assert 1 <= waits <= len(PAGES)


@pytest.fixture
def pages_while_redis_hangs(cache_on_hanging_redis, monkeypatch):
    """The page cache on the hanging Redis, left alone all along once it failed."""
    from cms import pagecache

    port = cache_on_hanging_redis.getsockname()[1]
    location = f"redis://127.0.0.1:{port}/0"
    monkeypatch.setattr(cache_module, "REST_SECONDS", 600)
    yield cache_on_hanging_redis
    cache_module._resting_until.pop(location, None)
    cache_module._lost.discard(location)
    pagecache._outage.clear()


def rendered(client, path):
    """(the answer to ``path``, the number of database queries it took)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return response, len(queries.captured_queries)


def test_while_redis_is_away_a_process_serves_again_what_it_rendered(
    client, pages_while_redis_hangs
):
    # Without the shared cache every request of a crowd would be a render: the queue
    # then grew past the overload guard (the rehearsal's Redis faults).
    first, queries = rendered(client, ABOUT)
    assert queries > 0
    again, queries = rendered(client, ABOUT)
    assert queries == 0 and again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert attempts(pages_while_redis_hangs) == 1  # and Redis is not asked again
    # By the same rules as the shared cache: a visitor with a session is never served it.
    client.cookies["sessionid"] = "x"
    assert rendered(client, ABOUT)[1] > 0


def test_a_page_kept_during_an_outage_lives_seconds_and_a_change_here_ends_it(
    client, pages_while_redis_hangs, en, monkeypatch
):
    from cms import pagecache
    from cms.models import StandardPage

    rendered(client, ABOUT)
    page = StandardPage.objects.get(locale=en, slug="about-the-dialogues")
    page.title = "About the Dialogues, while Redis hung"
    page.save_revision().publish()
    response, queries = rendered(client, ABOUT)
    assert queries > 0 and b"while Redis hung" in response.content
    # A change made in another process is seen after OUTAGE_SECONDS at most.
    monkeypatch.setattr(pagecache, "OUTAGE_SECONDS", 1)
    rendered(client, "/en/")
    assert rendered(client, "/en/")[1] == 0
    time.sleep(1.2)
    assert rendered(client, "/en/")[1] > 0


def test_while_redis_is_away_a_render_costs_what_it_costs_with_the_cache(
    client, pages_while_redis_hangs, en, monkeypatch
):
    # A page the page cache cannot hold (a parameter no page reads, as the rehearsal's
    # probes, a search) still reads its shared parts (menu, footer, routes) from this
    # process's copies rather than querying them all again: 48 queries for the home page
    # each time before, as many as with no cache at all.
    from cms import pagecache
    from cms.models import StandardPage

    first = rendered(client, "/fr/?probe=1")[1]
    again = rendered(client, "/fr/?probe=2")[1]
    assert again < first / 3, (first, again)
    # Any save in this process forgets them at once...
    monkeypatch.setattr(pagecache, "OUTAGE_SECONDS", 1)
    page = StandardPage.objects.get(locale=en, slug="about-the-dialogues")
    page.save_revision().publish()
    assert rendered(client, "/fr/?probe=3")[1] > again
    # ...and they live OUTAGE_SECONDS at most, for the changes made elsewhere.
    time.sleep(1.2)
    assert rendered(client, "/fr/?probe=4")[1] > again


@pytest.fixture
def redis_server(tmp_path):
    """Debian's redis-server (installed by `make test`, as for the rehearsal), on a free
    port, without persistence, as docs/deploy.md prescribes."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [shutil.which("redis-server"), "--bind", "127.0.0.1", "--port", str(port), "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield process, port
    finally:
        os.killpg(process.pid, signal.SIGCONT)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_a_publish_while_redis_hung_is_seen_once_it_answers_again(settings, redis_server, en):
    """A hung Redis comes back with what it held: pages cached before the publish. The
    publish's invalidation was never sent (the process was leaving Redis alone), so the
    cache forgets everything as soon as it reaches Redis again, before it reads a page."""
    from cms.models import StandardPage

    process, port = redis_server
    location = f"redis://127.0.0.1:{port}/0"
    on_redis(settings, "default", "cms.cache.FailSoftRedisCache", location)
    settings.FAIRVILLE_PAGE_CACHE_SECONDS = 300
    assert b"About the Dialogues" in Client().get(ABOUT).content  # rendered, stored
    assert b"About the Dialogues" in Client().get(ABOUT).content  # from Redis

    os.killpg(process.pid, signal.SIGSTOP)
    assert Client().get("/en/").status_code == 200  # waits once; Redis is left alone
    page = StandardPage.objects.get(locale=en, slug="about-the-dialogues")
    page.title = "About the Dialogues, while Redis hung"
    page.save_revision().publish()  # its invalidation is not even sent
    os.killpg(process.pid, signal.SIGCONT)
    cache_module._resting_until.pop(location)  # the rest has run out (5 s)
    for _ in range(2):  # the first visitor after, and the next (a hit again)
        assert b"About the Dialogues, while Redis hung" in Client().get(ABOUT).content


@pytest.fixture
def limits_on_hanging_redis(settings, hanging_redis, monkeypatch):
    port = hanging_redis.getsockname()[1]
    location = f"redis://127.0.0.1:{port}/0"
    on_redis(settings, "ratelimit", "cms.cache.FailFastRedisCache", location)
    # A rest longer than the test, however slow the machine: the count below is exact.
    monkeypatch.setattr(cache_module, "REST_SECONDS", 600)
    yield hanging_redis
    cache_module._resting_until.pop(location, None)
    cache_module._lost.discard(location)


def test_a_hanging_rate_limit_store_holds_one_request_and_then_none(
    client, limits_on_hanging_redis
):
    """Search and the public forms fail open, sign-in fails closed (cms/ratelimit.py),
    and neither waits for a store that just failed to answer."""
    for word in ("dialogue", "logement", "Marseille", "budget"):
        response = client.get("/en/search/", {"q": word})
        assert response.status_code == 200, word
        assert word in response.content.decode()
    refused = client.post("/admin/login/", {"username": "boss", "password": "guess"})
    assert refused.status_code == 503
    assert attempts(limits_on_hanging_redis) == 1


HELD = """
import time
from django.core.cache import caches
for alias in ("default", "ratelimit"):
    started = time.monotonic()
    try:
        found = caches[alias].get("any-key", "fell back")
    except Exception as error:
        found = type(error).__name__
    print("held", alias, found, round(time.monotonic() - started, 3))
"""


def test_production_holds_a_request_a_quarter_second_when_redis_hangs(hanging_redis):
    # The requests in flight when Redis hangs each wait for its timeout before their
    # process leaves it alone; with 1 s, the crowd behind them queued past the overload
    # guard's 3 s (the rehearsal's "Redis hung" probe got a 503). The production
    # settings, in their own process as deployed, against sockets nobody answers: one
    # for the cache, one for the rate limits (each is left alone once it failed).
    port = hanging_redis.getsockname()[1]
    limits = socket.socket()
    limits.bind(("127.0.0.1", 0))
    limits.listen(16)
    with limits:
        result = manage_in_production(
            "shell",
            "-c",
            HELD,
            DATABASE_URL="sqlite:///:memory:",
            REDIS_URL=f"redis://127.0.0.1:{port}/0",
            RATELIMIT_REDIS_URL=f"redis://127.0.0.1:{limits.getsockname()[1]}/0",
        )
        assert attempts(limits) == 1
    assert result.returncode == 0, result.stderr
    lines = [line.split()[1:] for line in result.stdout.splitlines() if line.startswith("held ")]
    held = {alias: rest for alias, *rest in lines}
    # The page cache misses, the rate-limit store fails (each limit then fails open or
    # closed), and neither holds the request for long: 0.25 s asked, 1 s before.
    assert held["default"][0:2] == ["fell", "back"]
    assert held["ratelimit"][0] == "TimeoutError"
    for alias in ("default", "ratelimit"):
        assert float(held[alias][-1]) < 0.75, (alias, held)
    assert attempts(hanging_redis) == 1
