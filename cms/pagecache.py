"""Whole-page cache for anonymous visitors, forgotten whenever content changes.

What is cached: the 200 answer to a GET of a public page (under a language prefix)
from a visitor who carries no cookie other than the CSRF and language ones, so no
session, no sign-in, no pending message. The answer is stored only if it is the
same for everyone: it sets no cookie, holds no CSRF token (a form that posts),
uses no CSP nonce, and neither its Cache-Control nor its Vary header says otherwise.
A page that changes with time (a registration that closes at a given hour) caps its
own lifetime with ``Cache-Control: max-age``. Keys carry the language, host, path and
query string, canonical (parameters sorted).

A query string cannot grow the cache at will: a request with a parameter that no page
reads (``settings.FAIRVILLE_PAGE_CACHE_PARAMETERS``; ``?z=<random>``, tracking tags) is
served uncached, and one path keeps at most ``MAX_VARIANTS`` query strings per version
(random values of a parameter that is read, ``?t=<random>``, are then served uncached).

What forgets it: every key also carries a version, replaced whenever a page is
published, unpublished, moved or deleted, and whenever a model of the project's own
apps, a privacy restriction, an image, a document, a site or a locale is saved or
deleted; saving or deleting a page that is not live changes nothing public. A model
that only some pages show is registered with ``scope(model, pages)``: its saves forget
those pages' paths alone (a registration: its session's pages), through a version per
path, and only for the changes those pages show when it says which (``visible``: a
registration forgets them only when the session turns full or not full). Bulk
``QuerySet.update()`` sends no signal: code that changes what a public page shows that
way calls ``invalidate()`` itself.

The cache must be shared by every process that serves or changes pages (Redis in
production), or a publish in one process leaves the others stale: production turns
the page cache off without one (see ``FAIRVILLE_PAGE_CACHE_SECONDS``).

While it is unreachable (Redis down or hung: ``cms.cache``), every request would be a
render, and a crowd that the cache serves easily then queues until the overload guard
sheds it (``cms.overload``). Each process keeps what it renders meanwhile in its own
memory, by the same rules, for ``OUTAGE_SECONDS`` at most: a change made in another
process is seen that much later, one made in this one at once.
"""

import gzip
import hashlib
import re
import sysconfig
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_max_age, patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language, get_language_from_path

VERSION_KEY = "pagecache:version"
MAX_VARIANTS = 50
# model -> (function(instance) returning the pages whose answers its saves change,
#           function(instance, change) saying whether they show this change, or None).
SCOPED = {}
HARMLESS_VARY = {"cookie", "accept-language", "accept-encoding"}
NOT_SHARED = {"private", "no-cache", "no-store"}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
OUTAGE_SECONDS = 5
OUTAGE_VERSION = "outage"
# A few hundred pages (each stored compressed): what a crowd asks for most, in bounded
# memory whatever query strings it sends.
_outage = LocMemCache("pagecache-outage", {"OPTIONS": {"MAX_ENTRIES": 300}})


def lifetime():
    return getattr(settings, "FAIRVILLE_PAGE_CACHE_SECONDS", 0)


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def invalidate(**kwargs):
    """Forget every cached page: old keys carry a version that is never asked for again."""
    _outage.clear()
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def invalidate_now_and_on_commit(**kwargs):
    invalidate()
    # Once more when the change becomes visible to other connections: a page rendered
    # in between, from the data as it was, would otherwise be stored under the new version.
    transaction.on_commit(invalidate)


def path_version_key(path):
    return "pagecache:path:" + hashlib.sha256(path.encode()).hexdigest()


def invalidate_paths(paths):
    """Forget the cached answers of these paths (every query string, every host).

    A path's version outlives every answer stored under the one before (twice a page's
    lifetime, for a render that began before the change): when it expires, the path
    goes back to version "0", under which nothing is left.
    """
    versions = {path_version_key(path): uuid.uuid4().hex for path in paths}
    _outage.clear()  # kept for seconds, during an outage only: all of it
    cache.set_many(versions, 2 * lifetime() + 60)


@dataclass(frozen=True)
class Change:
    """What happened to a scoped instance: "created", "updated" or "deleted", and for an
    update the fields saved (None: all of them)."""

    kind: str
    update_fields: frozenset | None = None

    def saved(self, field):
        """Whether ``field`` can have changed."""
        return self.kind != "updated" or self.update_fields is None or field in self.update_fields


def scope(model, pages, visible=None):
    """Saving or deleting ``model`` changes only ``pages(instance)`` (an iterable of
    pages): forget those, not the whole cache. ``visible(instance, change)``, when given,
    says whether those pages show this ``Change`` at all; when they do not, nothing is
    forgotten. It runs in the transaction that made the change (after the write)."""
    SCOPED[model] = (pages, visible)


def page_paths(pages):
    paths = set()
    for page in pages:
        parts = page.get_url_parts()
        if parts is not None:
            paths.add(parts[2])
    return paths


def _change(signal_kwargs):
    if signal_kwargs.get("signal") is post_delete:
        return Change("deleted")
    if signal_kwargs.get("created"):
        return Change("created")
    fields = signal_kwargs.get("update_fields")
    return Change("updated", None if fields is None else frozenset(fields))


def content_changed(sender, instance=None, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and not instance.live:
        return  # a draft or unpublished page: publishing and unpublishing send their own
    scoped = SCOPED.get(sender)
    if scoped is None:
        return invalidate_now_and_on_commit()
    pages, visible = scoped
    if visible is not None and not visible(instance, _change(kwargs)):
        return
    paths = page_paths(pages(instance))
    if paths:
        invalidate_paths(paths)
        transaction.on_commit(lambda: invalidate_paths(paths))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key, version, variants, stored = cache_key(request)
        if key is None:
            return self.get_response(request)
        store = cache
        if version is None:  # the shared cache is unreachable: this process's own
            store, version, stored = _outage, OUTAGE_VERSION, _outage.get(key)
        if stored is not None and stored[0] == version:
            response = thaw(stored, request)
        else:
            response = self.get_response(request)
            seconds = shareable_for(request, response)
            if store is _outage:
                seconds = min(seconds, OUTAGE_SECONDS)
            if seconds and (variants is None or take_variant(variants, seconds)):
                store.set(key, freeze(response, version), seconds)
        # The cookies chose this answer (a session or sign-in is never served from here),
        # whether it was rendered or read: a shared cache in front must not give it to a
        # visitor with other cookies. A render said so only when it opened the session.
        patch_vary_headers(response, ["Cookie"])
        return response


def take_variant(variants, seconds):
    """Whether one more query string of this path may be stored (at most MAX_VARIANTS
    per path and version): random values of a parameter a page reads stay uncached."""
    cache.add(variants, 0, seconds)
    try:
        return cache.incr(variants) <= MAX_VARIANTS
    except ValueError:  # expired in between
        return False


def cache_key(request):
    """(key of this request's answer, the versions it must carry, key counting its
    path's stored query strings or None, the stored answer or None), or Nones when it
    must not come from the cache; the key and Nones when the cache is unreachable.

    The answer's key carries no version: the versions are stored inside the answer and
    compared, so that one round trip to the cache reads them and the answer together.
    """
    if not lifetime() or request.method != "GET":
        return None, None, None, None
    if not get_language_from_path(request.path_info):
        return None, None, None, None  # the admin, previews, documents, feeds for machines
    harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    if set(request.COOKIES) - harmless or "HTTP_AUTHORIZATION" in request.META:
        return None, None, None, None
    if set(request.GET) - set(settings.FAIRVILLE_PAGE_CACHE_PARAMETERS):
        return None, None, None, None  # a parameter no page reads: never a reason for an entry
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    where = f"{get_language()}:{request.get_host()}:{request.path}"
    key = "pagecache:" + hashlib.sha256(f"{where}?{query}".encode()).hexdigest()
    path_key = path_version_key(request.path)
    found = cache.get_many([VERSION_KEY, path_key, key])
    if VERSION_KEY not in found:
        found[VERSION_KEY] = current_version()
    if found[VERSION_KEY] is None:  # nothing stored answers: Redis is away
        return key, None, None, None
    # No entry is made for a path never forgotten (any path can be asked for).
    version = f"{found[VERSION_KEY]}:{found.get(path_key, '0')}"
    if not query:
        return key, version, None, found.get(key)
    variants = "pagecache:variants:" + hashlib.sha256(f"{version}:{where}".encode()).hexdigest()
    return key, version, variants, found.get(key)


def shareable_for(request, response):
    """How long this answer may be shown to anyone else (0: not at all)."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return 0
    if b'name="csrfmiddlewaretoken"' in response.content:
        return 0
    # django-csp's lazy nonce is true once a template has used it.
    if getattr(request, "csp_nonce", None) or "'nonce-" in response.get(
        "Content-Security-Policy", ""
    ):
        return 0
    cache_control = cc_delim_re.split(response.get("Cache-Control", ""))
    if {directive.split("=")[0].strip().lower() for directive in cache_control} & NOT_SHARED:
        return 0
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", ""))}
    if vary - HARMLESS_VARY - {""}:
        return 0
    max_age = get_max_age(response)
    return lifetime() if max_age is None else min(max_age, lifetime())


def freeze(response, version):
    """What is stored: the body compressed once here, rather than by the proxy on every
    hit (most visitors accept gzip, and nginx passes a compressed answer through)."""
    return (
        version,
        response.status_code,
        list(response.items()),
        compress_string(response.content),
    )


def thaw(stored, request):
    _, status, headers, compressed = stored
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(compressed, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(compressed), status=status)
        for name, value in headers:
            response[name] = value
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def watched(model):
    """Whether saving or deleting ``model`` can change what a public page shows."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    if issubclass(model, Page):
        return True
    if model in {PageViewRestriction, Site, Locale, get_image_model(), get_document_model()}:
        return True
    # Every model of the project's own apps: snippets, settings, registrations...
    installed = Path(sysconfig.get_paths()["purelib"])
    app_path = Path(model._meta.app_config.path)
    return app_path.is_relative_to(settings.BASE_DIR) and not app_path.is_relative_to(installed)


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from cms.cache import on_recovery

    # Invalidations sent while Redis was unreachable were dropped: forget everything.
    on_recovery(invalidate)

    page_signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
    }
    for name, signal in page_signals.items():
        signal.connect(invalidate_now_and_on_commit, dispatch_uid=f"pagecache.{name}")
    for model in filter(watched, apps.get_models()):
        for name, signal in {"saved": post_save, "deleted": post_delete}.items():
            signal.connect(
                content_changed,
                sender=model,
                dispatch_uid=f"pagecache.{name}.{model._meta.label}",
            )
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                invalidate_now_and_on_commit,
                sender=field.remote_field.through,
                dispatch_uid=f"pagecache.m2m.{model._meta.label}.{field.name}",
            )
