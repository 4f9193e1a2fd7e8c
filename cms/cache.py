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


class FailSoftRedisCache(OneClientRedisCache):
    _last_warning = 0.0

    def _unreachable(self, error):
        now = time.monotonic()
        if now - FailSoftRedisCache._last_warning > WARN_EVERY_SECONDS:
            FailSoftRedisCache._last_warning = now
            logger.warning("Cache unreachable, serving without it: %s", error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable(error)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            raise ValueError(f"Key '{key}' not found: the cache is unreachable") from error

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE as error:
            self._unreachable(error)
            return False
