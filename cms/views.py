import sys

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language_from_path, override
from django.views.decorators.cache import cache_control
from django.views.defaults import ERROR_PAGE_TEMPLATE

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
    """handler500: the error page in the visitor's language, and a lost database a
    friendly 503.

    PostgreSQL restarting or unreachable is an outage that ends by itself (the
    connections are checked again on the next request), not a bug: the visitor is told
    to come back in a moment, and a well-behaved client waits Retry-After seconds.
    """
    error = sys.exc_info()[1]
    language = error_language(request)
    if not isinstance(error, DatabaseError):
        try:
            with override(language):
                # As Django's own: no request context, which may be what failed.
                body = loader.render_to_string("500.html")
        except Exception:  # noqa: BLE001 - the error page must not fail in turn
            return HttpResponseServerError(
                ERROR_PAGE_TEMPLATE % {"title": "Server Error (500)", "details": ""}
            )
        return HttpResponseServerError(body)
    with override(language):
        response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def error_language(request):
    """The language of an error page: the address's, else the one the request was
    answered in, else the source language."""
    from_path = get_language_from_path(request.path_info)
    if from_path:
        return from_path
    asked = getattr(request, "LANGUAGE_CODE", None)
    return asked if asked in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@cache_control(max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: it is with the static files."""
    return HttpResponsePermanentRedirect(static("cms/favicon.svg"))
