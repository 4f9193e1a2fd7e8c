"""Refuse a POST that another site made the visitor's browser send.

Public forms that must stay in the shared page cache carry no CSRF token, so their
views are CSRF-exempt. Without a check, a hostile page could auto-post such a form and
turn each of its visitors into a new client, out of reach of per-client rate limits.
Browsers say where a request comes from: ``Sec-Fetch-Site`` (every current browser)
and ``Origin`` (on every cross-origin POST, and on same-origin POSTs too in all current
browsers). A POST is refused when either names another site (``Sec-Fetch-Site``
decides when present). A request with neither
header is not from a current browser's page (a script, or a very old browser): it is
let through, and rate limits bound it.

Trusted origins are the site's own (scheme and host of the request, so behind a proxy
``SECURE_PROXY_SSL_HEADER`` must be right, as for Django's CSRF check) and those in
``CSRF_TRUSTED_ORIGINS``. The answer is a friendly 403 page in the visitor's language;
the view does not run, so nothing is stored and no email is sent.
"""

import logging
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render
from django.utils.http import is_same_domain

logger = logging.getLogger(__name__)

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# "same-site" is a sibling subdomain: another application, possibly hostile.
FOREIGN = {"cross-site", "same-site"}
# "none": the visitor's own action (a bookmark, the address bar).
SAME = {"same-origin", "none"}


def _trusted(request, origin):
    if not origin or origin == "null":
        return False
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    parts = urlsplit(origin)
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        allowed = urlsplit(trusted)
        # As Django's CSRF check reads them: "https://*.example.org" is any subdomain.
        pattern = allowed.netloc.removeprefix("*")
        if parts.scheme == allowed.scheme and is_same_domain(parts.netloc, pattern):
            return True
    return False


def is_cross_site(request):
    """Whether a browser says this request was sent by a page of another site."""
    origin = request.headers.get("Origin")
    fetch_site = request.headers.get("Sec-Fetch-Site", "").lower()
    if fetch_site in SAME:
        # Sec-Fetch-Site first: a page with "Referrer-Policy: no-referrer" posts its own
        # forms with "Origin: null", and the browser still says "same-origin" here.
        return False
    if fetch_site in FOREIGN and not _trusted(request, origin):
        return True
    return origin is not None and not _trusted(request, origin)


def refuse_cross_site(view):
    """Decorate a view: answer cross-site POSTs with a friendly 403 before it runs."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method in UNSAFE_METHODS and is_cross_site(request):
            logger.warning(
                "Cross-site %s to %s refused (Origin %r, Sec-Fetch-Site %r)",
                request.method,
                request.path,
                request.headers.get("Origin"),
                request.headers.get("Sec-Fetch-Site"),
            )
            return render(request, "cross_site.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped
