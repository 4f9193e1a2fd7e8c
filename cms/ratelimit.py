"""Per-client rate limits for public forms and endpoints, with a friendly 429 page.

A window counted in the cache, opened by a client's first counted request and closed
when its key expires: good enough against floods and password guessing, shared between
web workers when the cache is (Redis in production). Windows are per client rather than
aligned on the clock, so no moment resets everyone's count at once. The cache's ``incr``
must keep the key's expiry, as the local-memory, Redis and Memcached backends do.
Limits are set per scope in ``settings.FAIRVILLE_RATE_LIMITS`` as
``{"scope": (requests, seconds)}``, so tests and operators can tune them.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

DEFAULT_LIMIT = (20, 60)


def client_address(request):
    # Behind N trusted proxies, the client is the Nth address from the right.
    proxies = getattr(settings, "FAIRVILLE_TRUSTED_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def limit_for(scope):
    return getattr(settings, "FAIRVILLE_RATE_LIMITS", {}).get(scope, DEFAULT_LIMIT)


def is_rate_limited(request, scope):
    """Count this request against ``scope`` and say whether it is over the limit."""
    allowed, period = limit_for(scope)
    key = f"ratelimit:{scope}:{client_address(request)}"
    if cache.add(key, 1, period):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, period)
            count = 1
    return count > allowed


def too_many_requests(request, scope):
    response = render(request, "429.html", {"retry_after": limit_for(scope)[1]}, status=429)
    response["Retry-After"] = str(limit_for(scope)[1])
    return response


def ratelimit(scope, methods=("POST",)):
    """Decorate a view so that requests with ``methods`` count against ``scope``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and is_rate_limited(request, scope):
                return too_many_requests(request, scope)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
