"""Rate limits for public forms, endpoints and sign-in, with a friendly 429 page.

Counting. A window counted in the ``ratelimit`` cache, opened by a counter's first hit and
closed when its key expires: good enough against floods and password guessing, shared
between web workers when the store is (Redis in production). Windows are per counter
rather than aligned on the clock, so no moment resets everyone's count at once. The
store's ``incr`` must keep the key's expiry, as the local-memory, Redis and Memcached
backends do. Limits are set per scope in ``settings.FAIRVILLE_RATE_LIMITS`` as
``{"scope": (requests, seconds)}``, so tests and operators can tune them.

Who is counted. By default the client: its IPv4 address, or the /64 network of its IPv6
address, since one line or one server holds a whole /64 and can rotate through it for
free. Behind ``FAIRVILLE_TRUSTED_PROXIES`` proxies the client is the address the outermost
trusted proxy saw; a forwarded address that does not parse is ignored (the request counts
under the proxy's own address) rather than trusted or turned into a 500. A ``key``
function counts something else (a form, a session, an account name); keys are hashed, so
the store holds no email address or account name.

A store that keeps counters. Counters live in their own cache alias, ``ratelimit``, so that
a flood of page-cache entries cannot push them out: in production a Redis instance with
``maxmemory-policy noeviction`` (an evicting store lets an attacker erase its own and
everyone else's counts by flooding it), locally ``NoEvictionLocMemCache`` below.

When the store is down (Redis stopped, or full under ``noeviction``), each scope chooses:

- fail open (the default, public forms and search): the request goes through and a warning
  is logged. These limits only slow floods; the forms have their own defences (honeypot,
  double opt-in, origin checks), and a stopped Redis must not take registration offline.
- fail closed (sign-in and every password form, cms/signin.py): a friendly 503 in the
  visitor's language, and nothing is checked. Without counters a password could be
  guessed at full speed; editors can wait a minute, the public pages are unaffected.
"""

import contextvars
import hashlib
import ipaddress
import logging
import time
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.shortcuts import render

DEFAULT_LIMIT = (20, 60)
CACHE_ALIAS = "ratelimit"
_exempt = contextvars.ContextVar("fairville_ratelimit_exempt", default=False)

logger = logging.getLogger("fairville.ratelimit")


class StoreUnavailable(Exception):
    """The rate-limit store could not count (unreachable, or full and refusing writes)."""


class StoreFull(Exception):
    """Raised by NoEvictionLocMemCache instead of dropping a live counter."""


class NoEvictionLocMemCache(LocMemCache):
    """Local memory for rate-limit counters that never drops a live one to make room.

    Django's local-memory cache culls a third of its entries, oldest first, when it holds
    MAX_ENTRIES: a flood of fresh clients would then erase everyone's counts. This one
    forgets only expired entries, and when all are live it refuses the write, as Redis does
    under ``noeviction``; the caller then treats the store as unavailable. The sweep of
    expired entries runs at most once a second, so a full store costs a flood nothing more.
    """

    def __init__(self, name, params):
        super().__init__(name, params)
        self._swept_at = 0.0

    def _cull(self):
        now = time.time()
        if now - self._swept_at >= 1:
            self._swept_at = now
            for key, expiry in list(self._expire_info.items()):
                if expiry is not None and expiry <= now:
                    self._delete(key)
        if len(self._cache) >= self._max_entries:
            raise StoreFull(f"{len(self._cache)} live rate-limit counters")


def _parse_address(text):
    """An IP address from a header's hop or REMOTE_ADDR, with any port; None if malformed."""
    text = text.strip()
    if text.startswith("["):  # "[2001:db8::1]:443"
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # "203.0.113.5:5678"
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _address(request):
    # Behind N trusted proxies, the client is the Nth address from the right.
    proxies = getattr(settings, "FAIRVILLE_TRUSTED_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            address = _parse_address(hops[-proxies])
            if address is not None:
                return address
    return _parse_address(request.META.get("REMOTE_ADDR", ""))


def client_address(request):
    """The client's IP address as text ("unknown" if there is none that parses)."""
    address = _address(request)
    return str(address) if address is not None else "unknown"


def client_id(request):
    """Who a per-client limit counts: the IPv4 address, or the IPv6 address's /64."""
    address = _address(request)
    if address is None:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def limit_for(scope):
    return getattr(settings, "FAIRVILLE_RATE_LIMITS", {}).get(scope, DEFAULT_LIMIT)


def store():
    return caches[CACHE_ALIAS]


def counter_key(scope, key):
    digest = hashlib.sha256(str(key).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(scope, key, period):
    """Add one to ``key``'s counter in ``scope`` (a window of ``period`` seconds opened by
    its first hit) and return the count. Raises StoreUnavailable."""
    name = counter_key(scope, key)
    counters = store()
    try:
        if counters.add(name, 1, period):
            return 1
        try:
            return counters.incr(name)
        except ValueError:  # expired between add() and incr()
            counters.add(name, 1, period)
            return 1
    except Exception as error:  # each backend has its own (redis.ConnectionError, OSError…)
        raise StoreUnavailable(str(error)) from error


def is_rate_limited(request, scope, key=None, fail_open=True):
    """Count this request against ``scope`` and say whether it is over the limit.

    ``key`` is what is counted (the client by default). When the store is down, a
    fail-open scope is never limited; a fail-closed one raises StoreUnavailable."""
    allowed, period = limit_for(scope)
    try:
        count = hit(scope, client_id(request) if key is None else key, period)
    except StoreUnavailable as error:
        if not fail_open:
            raise
        logger.warning("Rate-limit store unavailable, %s not limited: %s", scope, error)
        return False
    return count > allowed


def too_many_requests(request, scope, retry_after=None):
    seconds = limit_for(scope)[1] if retry_after is None else retry_after
    response = render(request, "429.html", {"retry_after": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def store_unavailable(request):
    """The fail-closed answer: a 503 in the visitor's language, to try again shortly."""
    response = render(request, "ratelimit_unavailable.html", status=503)
    response["Retry-After"] = "60"
    return response


@contextmanager
def exempt():
    """No ``ratelimit`` decorator counts inside: for the site's own command that fetches
    its public pages in-process (``manage.py export_archive``: every citation and
    download, hundreds in a minute, all from "127.0.0.1"). No HTTP request gets here."""
    token = _exempt.set(True)
    try:
        yield
    finally:
        _exempt.reset(token)


def ratelimit(scope, methods=("POST",), key=None, fail_open=True):
    """Decorate a view so that requests with ``methods`` count against ``scope``.

    ``key(request, *args, **kwargs)`` returns what to count instead of the client (a form,
    a session, an address…), or None not to count this request. ``fail_open`` says what
    happens when the store is down (see the module's docstring)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and not _exempt.get():
                counted = client_id(request) if key is None else key(request, *args, **kwargs)
                try:
                    limited = counted is not None and is_rate_limited(
                        request, scope, key=counted, fail_open=fail_open
                    )
                except StoreUnavailable as error:
                    logger.error("Rate-limit store unavailable, %s refused: %s", scope, error)
                    return store_unavailable(request)
                if limited:
                    logger.warning("Rate limit %s reached by %s", scope, client_id(request))
                    return too_many_requests(request, scope)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
