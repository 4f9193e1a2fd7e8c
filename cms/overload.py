"""A request that waited too long for a worker gets the 503 page at once, not a render.

When every web worker is busy (the cache just lost, so every page is a render; a crowd
arriving at once), requests wait in gunicorn's listen queue. Unbounded, a visitor waits
until the proxy gives up (nginx's ``proxy_read_timeout``), and the workers go on
rendering pages for visitors who have left while the queue grows behind them: the
production rehearsal saw requests held 30 s and more while Redis and PostgreSQL were
away (docs/deploy.md, When a part fails).

The proxy stamps each request with the moment it passed it on (``X-Request-Start:
t=<seconds since the epoch>``: nginx's ``$msec``, as Heroku's router writes it). A
request that waited longer than ``FAIRVILLE_QUEUE_SECONDS`` and that the page cache
cannot answer (this middleware comes right after it: a cached page still costs next
to nothing) gets the 503 page in its language with ``Retry-After``, without a query or
a render: so the queue drains, and the requests behind it are answered in time. Only
behind a trusted proxy (``FAIRVILLE_TRUSTED_PROXIES``), which sets the header itself
over anything a client sent.
"""

import logging
import re
import time

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import override

from cms.views import RETRY_AFTER_SECONDS, error_language

logger = logging.getLogger(__name__)

STAMP = re.compile(r"t=(\d{9,11}(?:\.\d{1,6})?)", re.ASCII)
WARN_EVERY_SECONDS = 10
_pages = {}  # language -> the 503 page, rendered once per process
_shed = {"count": 0, "warned_at": 0.0}


def waited(request):
    """Seconds since the proxy passed this request on, or None if it did not say."""
    found = STAMP.fullmatch(request.META.get("HTTP_X_REQUEST_START", "").strip())
    if found is None:
        return None
    return max(0.0, time.time() - float(found.group(1)))


def limit():
    """Seconds a request may wait for a worker, or 0 when nothing stamps requests."""
    if getattr(settings, "FAIRVILLE_TRUSTED_PROXIES", 0) < 1:
        return 0
    return getattr(settings, "FAIRVILLE_QUEUE_SECONDS", 0)


class QueueDeadlineMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = limit()
        if seconds:
            queued = waited(request)
            if queued is not None and queued > seconds:
                return unavailable(request, queued)
        return self.get_response(request)


def unavailable(request, queued):
    _shed["count"] += 1
    now = time.monotonic()
    if now - _shed["warned_at"] > WARN_EVERY_SECONDS:
        logger.warning(
            "Overloaded: %d requests answered 503 without a render since the last warning "
            "(this one waited %.1f s for a worker)",
            _shed["count"],
            queued,
        )
        _shed["count"], _shed["warned_at"] = 0, now
    language = error_language(request)
    if language not in _pages:
        with override(language):
            # As the database's 503 (cms/views.py), without the request's context.
            _pages[language] = loader.render_to_string("503.html")
    response = HttpResponse(_pages[language], status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
