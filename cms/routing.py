"""Which page an address serves, without walking the tree on every request.

Wagtail routes a path from the site's root: the site, the root's version in the
reader's language, then two queries per level of the path (the child by its slug, then
its specific row). A session page, four levels down, cost ten queries before its own
content. The answer is content only: it changes when a page is published, unpublished,
moved, renamed or deleted, or a site or a locale is saved, and each of those replaces the
content version (cms/pagecache.py). So the route of a plain page (no sub-route, no
arguments) is kept under that version (cms/fragments.py) as its type and id, and the
page is then read in one query.

What a page's own ``route`` answers with arguments (a library's lab page, a feed, a
citation download) is routed by Wagtail every time: those answers carry views and the
visitor's path, and are not kept. Neither are addresses that lead nowhere, so that
random paths cannot fill the shared cache.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult
from wagtail.wagtail_hooks import check_view_restrictions

from cms import fragments


def route(request, path):
    """``Page.route_for_request(request, path)``: a ``RouteResult`` or None."""
    if not fragments.lifetime():
        return Page.route_for_request(request, path)
    routed = []  # routed by Wagtail in this request: used as it is

    def build():
        routed.append(Page.route_for_request(request, path))
        return _plain(routed[0])

    where = (request.get_host(), request.get_port(), path)
    found = fragments.shared("route", build, *where, keep=bool)
    if routed:
        return routed[0]
    if found:
        content_type, pk = found
        model = ContentType.objects.get_for_id(content_type).model_class()
        page = model.objects.filter(pk=pk, live=True).first() if model else None
        if page is not None:
            return RouteResult(page)
    return Page.route_for_request(request, path)


def _plain(result):
    """(content type id, page id) of a plain page's route, else None (not kept)."""
    if result is None or result.args or result.kwargs:
        return None
    return result.page.content_type_id, result.page.pk


def serve(request, page, args, kwargs):
    """Serve a route as ``wagtail.views.serve`` does: its hooks, then the page.

    Wagtail's check of view restrictions queries them for every page served; it is
    left out for a page outside every restricted section (``restricted_paths``)."""
    chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is check_view_restrictions and not _restricted(page):
            continue
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


def restricted_paths():
    """The tree paths of the pages with a view restriction (each restricts its section),
    kept under the content version: saving or deleting a restriction replaces it."""

    def build():
        return sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))

    return fragments.shared("restricted-paths", build)


def _restricted(page):
    return any(page.path.startswith(path) for path in restricted_paths())
