"""Redis as Django's cache, where an unreachable server is a miss rather than an error.

Redis holds nothing that cannot be rebuilt (docs/deploy.md): when it is down or
restarting, pages are rendered instead of read from the cache, and writes are dropped.
Without this, Django's Redis backend raises on every request and the whole site answers
500 for as long as Redis is away. Rate-limit counters use their own alias and decide
for themselves what a missing store means (cms/ratelimit.py).
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
WARN_EVERY_SECONDS = 10
REST_SECONDS = 5
# Per process and Redis server: until when it is left alone, when it last was warned of,
# whether writes to it were dropped since it last answered.
_resting_until, _warned_at, _lost = {}, {}, set()
_recovery_hooks = []


def on_recovery(hook):
    """Call ``hook()`` when this process reaches again a Redis it found unreachable,
    before anything else is read: writes made meanwhile were dropped, and a Redis that
    hung (rather than restarted empty) still holds what they would have replaced."""
    if hook not in _recovery_hooks:
        _recovery_hooks.append(hook)


class OneClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new ``redis.Redis`` for every command, and building one
    fills its table of ~170 reply parsers: a tenth of a millisecond per cache read, and
    every page served from the cache reads it. One client per connection pool is enough
    (it holds no state of its own; the pool hands out connections and knows forks)."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if pool not in clients:
            clients[pool] = self._client(connection_pool=pool)
        return clients[pool]


class OneClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = OneClientRedisCacheClient


class RestingRedisCache(OneClientRedisCache):
    """Once Redis failed to answer, this process leaves it alone for ``REST_SECONDS``.

    A Redis that hangs (its host gone quiet, the process stopped, swapping) costs a
    whole timeout per command; a refused connection costs little, but the rest costs
    nothing. The rest is per server, shared by every alias that points at it."""

    unreachable_warning = "Redis unreachable: %s"

    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = str(server)

    def _resting(self):
        return time.monotonic() < _resting_until.get(self._location, 0.0)

    def _unreachable(self, error):
        now = time.monotonic()
        _resting_until[self._location] = now + REST_SECONDS
        _lost.add(self._location)
        if now - _warned_at.get(self._location, -WARN_EVERY_SECONDS) > WARN_EVERY_SECONDS:
            _warned_at[self._location] = now
            logger.warning(self.unreachable_warning, error)


class FailFastRedisCache(RestingRedisCache):
    """Redis unreachable raises, as Django's backend does, for callers that decide what a
    missing store means (the rate-limit counters, ``cms.ratelimit``: fail open or
    closed). While it rests, each command raises at once instead of waiting: under a
    hung Redis every search and every form post used to hold its web worker for the
    whole timeout, and the workers' queue grew until requests were shed."""

    unreachable_warning = "Rate-limit store unreachable, left alone for a moment: %s"

    def _fast(self, method, *args):
        if self._resting():
            raise RedisConnectionError(f"{self._location} did not answer a moment ago")
        try:
            return method(*args)
        except UNREACHABLE as error:
            self._unreachable(error)
            raise

    def get(self, key, default=None, version=None):
        return self._fast(super().get, key, default, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fast(super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fast(super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fast(super().touch, key, timeout, version)

    def incr(self, key, delta=1, version=None):
        return self._fast(super().incr, key, delta, version)

    def delete(self, key, version=None):
        return self._fast(super().delete, key, version)


class FailSoftRedisCache(RestingRedisCache):
    """Redis unreachable is a miss, a dropped write, and is then left alone for a while
    (``RestingRedisCache``): a render reads and writes the cache a dozen times or more
    (the page, the versions, each shared part, Wagtail's site paths), and a Redis that
    hangs would cost a whole timeout each time, seconds per page, where one is enough."""

    unreachable_warning = "Cache unreachable, serving without it: %s"

    def _soft(self, fallback, method, *args):
        """``method(*args)``, or ``fallback`` while Redis is unreachable or resting."""
        if self._resting():
            return fallback
        try:
            if self._location in _lost:
                _lost.discard(self._location)
                for hook in _recovery_hooks:
                    hook()
                if self._resting():  # a hook found it unreachable still
                    return fallback
            return method(*args)
        except UNREACHABLE as error:
            self._unreachable(error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._soft(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._soft({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._soft(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._soft(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._soft(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        self._soft(None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        found = self._soft(missing, super().incr, key, delta, version)
        if found is missing:
            raise ValueError(f"Key '{key}' not found: the cache is unreachable")
        return found

    def clear(self):
        return self._soft(False, super().clear)
