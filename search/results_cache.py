"""The results cache: a search asked again is read, not run again, and never stale.

Visitors repeat the same queries (a few themes, names and places). What a results page
shows (its hits as rendered results with their snippets, the total, the facets with their
labels and links, the "did you mean") is kept in the shared cache (Redis in production:
every web and task worker sees the same entries), keyed by the query as searched (trimmed,
one space between words), the filters, the language switch and page, the reader's
language and host, and the index's *generation*: a token that every write to the index
changes (``written``, called by the backends on each add, delete and rebuild, and by
vocabulary changes). A publish is seen by the very next search: its key is new.

The generation changes when the write is made and again when its transaction commits,
so a search that ran between the two (seeing the old rows) is stored under a
generation nobody asks for any more. Hits and misses are counted in the same cache
(``stats``; ``manage.py search_cache_stats``, and the benchmark prints its own rates).
``FAIRVILLE_SEARCH_CACHE_SECONDS`` (default 600; 0 turns it off) bounds how long an
entry lives, and ``FAIRVILLE_SEARCH_CACHE`` names the cache alias (default "default").
"""

import hashlib
import json
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "search:generation"
SITES_KEY = "search:sites"
PROMOTIONS_KEY = "search:promotions"
FACET_VALUES_KEY = "search:facet-values"
COUNTERS = {"hit": "search:cache:hits", "miss": "search:cache:misses"}


def store():
    return caches[getattr(settings, "FAIRVILLE_SEARCH_CACHE", "default")]


def timeout():
    return getattr(settings, "FAIRVILLE_SEARCH_CACHE_SECONDS", 600)


def generation():
    return _token(GENERATION_KEY)


def _token(name):
    cache = store()
    token = cache.get(name)
    if token is None:
        # A new token, never an old one: a cache that lost the key (eviction, restart)
        # cannot bring back results of an earlier generation.
        token = uuid.uuid4().hex
        if not cache.add(name, token, None):
            token = cache.get(name) or token
    return token


def bump():
    store().set(GENERATION_KEY, uuid.uuid4().hex, None)


def written():
    """The index changed: nothing cached before may be read again, now or once the
    change is committed (until then, other connections still see the old rows)."""
    bump()
    transaction.on_commit(bump)


def sites_changed():
    """A Wagtail Site was saved or deleted: the sites kept for hosts (``cached_site``)
    and every results page (its links are made for a site) are forgotten."""
    _renew(SITES_KEY)
    written()


def promotions_changed():
    """An editors' pick was saved or deleted: which queries have picks
    (``cached_promotions``) and every results page (it shows its picks) are forgotten."""
    _renew(PROMOTIONS_KEY)
    written()


def facet_values_changed():
    """A facet value was added or its kept labels changed: the facet values kept for
    results pages (``cached_facet_values``) are forgotten. Results pages already cached
    are not: the writes that make a page show another label change the index too."""
    _renew(FACET_VALUES_KEY)


def _renew(name):
    store().set(name, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: store().set(name, uuid.uuid4().hex, None))


def cached_site(parts, compute):
    """``compute()``'s value (the Wagtail Site of a host) for ``parts``, kept until a Site
    changes (``sites_changed``), not the index: a results page missed after a publish
    still finds its host's site kept."""
    return _cached_under(SITES_KEY, "site", parts, compute)


def cached_promotions(compute):
    """``compute()``'s value (which queries have editors' picks), kept until a pick
    changes (``promotions_changed``), not the index."""
    return _cached_under(PROMOTIONS_KEY, "promoted", [], compute)


def cached_facet_values(compute):
    """``compute()``'s value (every facet value with its kept labels), kept until a value
    is added or relabelled (``facet_values_changed``), not the index: a results page
    missed after a publish reads them from here, not from the database."""
    return _cached_under(FACET_VALUES_KEY, "facet-values", [], compute)


def _cached_under(name, kind, parts, compute):
    seconds = timeout()
    if seconds <= 0:
        return compute()
    cache = store()
    entry = _key(_token(name), kind, parts)
    found = cache.get(entry)
    if found is not None:
        return found[0]
    value = compute()
    cache.set(entry, (value,), seconds)
    return value


def key(kind, parts):
    return _key(generation(), kind, parts)


def cached(kind, parts, compute):
    """``compute()``'s value for ``parts`` (what the answer depends on), from the cache
    when this generation of the index already answered them."""
    seconds = timeout()
    if seconds <= 0:
        return compute()
    cache = store()
    entry = key(kind, parts)
    found = cache.get(entry)
    counted = kind == "page"  # the rates are those of results pages
    if found is not None:
        if counted:
            _count("hit")
        return found[0]
    if counted:
        _count("miss")
    value = compute()
    cache.set(entry, (value,), seconds)  # a tuple, so that a cached None is a hit
    return value


def _key(token, kind, parts):
    payload = json.dumps([token, kind, parts], ensure_ascii=False, default=str)
    return "search:results:" + hashlib.sha256(payload.encode("utf-8", "replace")).hexdigest()


def _count(name):
    cache = store()
    try:
        try:
            cache.incr(COUNTERS[name])
        except ValueError:  # the first count, or the counter was evicted
            if not cache.add(COUNTERS[name], 1, None):
                cache.incr(COUNTERS[name])
    except Exception as error:  # noqa: BLE001 - a count is never worth a failed search
        logger.debug("Search cache counter not updated: %s", error)


def stats():
    """``{"hits", "misses", "hit_rate"}`` since the counters were last reset."""
    found = store().get_many(list(COUNTERS.values()))
    hits, misses = found.get(COUNTERS["hit"], 0), found.get(COUNTERS["miss"], 0)
    total = hits + misses
    return {"hits": hits, "misses": misses, "hit_rate": hits / total if total else None}


def reset_stats():
    store().delete_many(list(COUNTERS.values()))
