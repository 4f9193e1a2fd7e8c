"""Parts of a page that many pages share (the menu, the footer, a page's language
versions), computed once and kept in the shared cache until content changes.

A page the page cache does not hold (the first visitor after a publish, a library
filter past its variants, the page cache off) is rendered in full; these parts are then
read rather than queried. They are forgotten by the same rules as cached pages: their
keys carry the page cache's version (``cms/pagecache.py``), which any publish, move,
deletion or save of content replaces. So they hold only what those rules cover: content,
never the visitor or a registration count; what the clock changes (the next session)
is kept only until that moment.

The version is read *before* the value is built: a change made while it is built
replaces the version, and the value goes under the old one, which nobody reads again.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from cms import pagecache


def lifetime():
    return getattr(settings, "FAIRVILLE_FRAGMENT_CACHE_SECONDS", 0)


def shared(name, build, *parts, until=None):
    """``build()``, or what it returned for ``name``, ``parts`` and the reader's language
    since content last changed. ``parts`` must name everything ``build`` reads besides
    content (the host, a page's id); the value must pickle. ``until(value)``: when the
    clock alone makes the value wrong (the next session starting), or None."""
    seconds = lifetime()
    if not seconds:
        return build()
    version = pagecache.current_version()
    if version is None:  # the cache is unreachable: nothing read, nothing kept
        return build()
    where = ":".join(map(str, (version, name, get_language(), *parts)))
    key = "fragment:" + hashlib.sha256(where.encode()).hexdigest()
    stored = cache.get(key)
    if stored is None:
        stored = (build(),)  # in a tuple: a built None is kept too
        expires = until(stored[0]) if until else None
        if expires is not None:
            seconds = min(seconds, int((expires - timezone.now()).total_seconds()))
        if seconds > 0:
            cache.set(key, stored, seconds)
    return stored[0]
