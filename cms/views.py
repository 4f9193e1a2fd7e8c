import sys

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language_from_path, override
from django.views.decorators.cache import cache_control
from django.views.defaults import server_error as django_server_error

# How long a visitor is asked to wait while the database is away.
RETRY_AFTER_SECONDS = 10


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(
        request,
        "robots.txt",
        {"sitemap_url": sitemap_url},
        content_type="text/plain; charset=utf-8",
    )


def server_error(request):
    """handler500: a lost database is a friendly 503 in the visitor's language.

    PostgreSQL restarting or unreachable is an outage that ends by itself (the
    connections are checked again on the next request), not a bug: the visitor is told
    to come back in a moment, and a well-behaved client waits Retry-After seconds.
    """
    error = sys.exc_info()[1]
    if not isinstance(error, DatabaseError):
        return django_server_error(request)
    with override(get_language_from_path(request.path_info) or settings.LANGUAGE_CODE):
        response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@cache_control(max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: it is with the static files."""
    return HttpResponsePermanentRedirect(static("cms/favicon.svg"))
