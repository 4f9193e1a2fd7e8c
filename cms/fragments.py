"""Parts of a page that many pages share (the menu, the footer, a page's language
versions), computed once and kept in the shared cache until content changes.

A page the page cache does not hold (the first visitor after a publish, a library
filter past its variants, the page cache off) is rendered in full; these parts are then
read rather than queried. They are forgotten by the same rules as cached pages: their
keys carry the page cache's version (``cms/pagecache.py``), which any publish, move,
deletion or save of content replaces. So they hold only what those rules cover: content,
never the visitor or a registration count; what the clock changes (the next session)
is kept only until that moment.

The same rules keep the route of each address (``cms/routing.py``) and blocks of a
page's own template (``{% fragment %}`` in ``cms_tags``: a session's programme, a
recording's transcript), keyed by the page and what the address chose.

The version is read *before* the value is built: a change made while it is built
replaces the version, and the value goes under the old one, which nobody reads again.

Two levels, so that a render costs one round trip to the shared cache rather than two
per part: the version is read once per request (and again after anything is saved in
that request), and each process keeps what it read or built under that version in its
own memory until the value's expiry (kept with the value, so that no process holds the
next session past its moment). A value under the version is the same in every process,
so the process's copy can only be as stale as the shared one: never, by these rules.

While the shared cache is unreachable, each process keeps what it builds for
``pagecache.OUTAGE_SECONDS`` at most, as the page cache keeps pages, and forgets it at
any save it makes: a render then costs what it costs with the cache (the home page: 2
queries rather than 48), and a change made in another process is seen seconds later.
"""

import hashlib
import threading

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from cms import pagecache

# How many parts a process keeps; past it, it starts again (a part is a few KB at most).
LOCAL_MAX = 2000
_local = {}  # key -> (value, expiry timestamp): this process's copies
_outage = {}  # the same, kept while the shared cache is unreachable
_serving = threading.local()  # this thread: serving a request? its version, once read


def _request_started(**kwargs):
    _serving.serving, _serving.version = True, None


def _request_finished(**kwargs):
    _serving.serving, _serving.version = False, None


def _saved(**kwargs):
    # Anything saved while serving may have replaced the version: read it again.
    _serving.version = None
    _outage.clear()


request_started.connect(_request_started, dispatch_uid="fragments.request_started")
request_finished.connect(_request_finished, dispatch_uid="fragments.request_finished")
for _signal in (post_save, post_delete, m2m_changed):
    _signal.connect(_saved, dispatch_uid=f"fragments.saved.{id(_signal)}")


def version():
    """The page cache's version, read once per request (None: the cache is unreachable)."""
    if not getattr(_serving, "serving", False):
        return pagecache.current_version()
    if _serving.version is None:
        _serving.version = pagecache.current_version()
    return _serving.version


def lifetime():
    return getattr(settings, "FAIRVILLE_FRAGMENT_CACHE_SECONDS", 0)


def shared(name, build, *parts, until=None, keep=None):
    """``build()``, or what it returned for ``name``, ``parts`` and the reader's language
    since content last changed. ``parts`` must name everything ``build`` reads besides
    content (the host, a page's id); the value must pickle. ``until(value)``: when the
    clock alone makes the value wrong (the next session starting), or None.
    ``keep(value)``: whether to keep it at all (False: built again next time), or None."""
    seconds = lifetime()
    if not seconds:
        return build()
    current, kept, shared_cache = version(), _local, cache
    if current is None:  # the cache is unreachable: this process's copies, for seconds
        current, kept, shared_cache = pagecache.OUTAGE_VERSION, _outage, None
        seconds = min(seconds, pagecache.OUTAGE_SECONDS)
    where = ":".join(map(str, (current, name, get_language(), *parts)))
    key = "fragments:" + hashlib.sha256(where.encode()).hexdigest()
    now = timezone.now().timestamp()
    stored = kept.get(key)
    if stored is None or stored[1] <= now:
        stored = shared_cache.get(key) if shared_cache is not None else None
        if stored is None or stored[1] <= now:
            stored = _build(key, build, until, keep, seconds, shared_cache)
        if stored[1] > now:
            if len(kept) >= LOCAL_MAX:
                kept.clear()
            kept[key] = stored
    return stored[0]


def _build(key, build, until, keep, seconds, shared_cache):
    """(value, expiry timestamp), kept in ``shared_cache`` (if any) unless already
    expired."""
    value = build()
    if keep is not None and not keep(value):
        return value, 0
    expires = until(value) if until else None
    if expires is not None:
        seconds = min(seconds, int((expires - timezone.now()).total_seconds()))
    stored = (value, timezone.now().timestamp() + seconds)
    if seconds > 0 and shared_cache is not None:
        shared_cache.set(key, stored, seconds)
    return stored


def shared_html(name, build, *parts, request=None, until=None):
    """HTML of our own templates that ``build()`` renders, kept as ``shared`` keeps values
    and marked safe. A preview (``request.is_preview``) is rendered each time, never kept."""
    if request is not None and getattr(request, "is_preview", False):
        return mark_safe(build())  # noqa: S308 - our templates' rendering
    html = shared(name, build, *parts, until=until, keep=shareable)
    return mark_safe(html)  # noqa: S308 - our templates' rendering


def shareable(html):
    # A guard against a block that turned personal: never keep a token or a nonce.
    return "csrfmiddlewaretoken" not in html and "nonce=" not in html
