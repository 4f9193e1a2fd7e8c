"""Which page an address serves, without walking the tree on every request.

Wagtail routes a path from the site's root: the site, the root's version in the
reader's language, then two queries per level of the path (the child by its slug, then
its specific row). A session page, four levels down, cost ten queries before its own
content. The answer is content only: it changes when a page is published, unpublished,
moved, renamed or deleted, or a site or a locale is saved, and each of those replaces the
content version (cms/pagecache.py). So the route of an address is kept under that
version (cms/fragments.py) as the page's type and id, and the page is then read in one
query.

A page with routes of its own (Wagtail's ``RoutablePageMixin``: the library's listing,
its codebook, a lab's page) is kept the same way, with the part of the path below the
page: the page is read with its locale, and its own ``route`` finds the view again from
the path (no query) and notes it on the request as Wagtail's routing does. Such a route
is kept only when it names nothing (the listing, the codebook) or when the page says its
arguments name something that exists (``keeps_route``: a lab that exists), so that
``/library/labs/<anything>/`` cannot fill the shared cache. Other answers with arguments
(a citation download) are routed by Wagtail every time, and so are addresses that lead
nowhere.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
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
        return _kept(request, path, routed[0])

    where = (request.get_host(), request.get_port(), path)
    found = fragments.shared("route", build, *where, keep=bool)
    if routed:
        return routed[0]
    if found:
        result = _replay(request, *found)
        if result is not None:
            return result
    return Page.route_for_request(request, path)


def _kept(request, path, result):
    """What is kept of a route: (content type id, page id, the path's parts below the
    page or None), else None (not kept)."""
    if result is None:
        return None
    page = result.page
    if not result.args and not result.kwargs:
        return page.content_type_id, page.pk, None
    match = getattr(request, "routable_resolver_match", None)
    if not isinstance(page, RoutablePageMixin) or match is None or result.kwargs:
        return None
    keeps = getattr(page, "keeps_route", None)
    if (match.args or match.kwargs) and not (keeps and keeps(match)):
        return None
    site = Site.find_for_request(request)  # kept on the request by the routing
    below = tuple(part for part in path.split("/") if part)[page.depth - site.root_page.depth :]
    try:
        again = page.resolve_subpage("/" + "".join(f"{part}/" for part in below))
    except Http404:
        return None
    if (again.url_name, again.args, again.kwargs) != (match.url_name, match.args, match.kwargs):
        return None  # the page routed it otherwise: leave it to Wagtail
    return page.content_type_id, page.pk, below


def _replay(request, content_type, pk, below=None):
    """The kept route's ``RouteResult``, or None (the page is gone: route it again)."""
    model = ContentType.objects.get_for_id(content_type).model_class()
    if model is None:
        return None
    # No ORDER BY (as first() would add): its compilation is a fifth of the query's cost.
    found = model.objects.filter(pk=pk, live=True).order_by()
    if below is not None:  # a page with routes of its own reads its locale (the library)
        found = found.select_related("locale")
    page = next(iter(found[:1]), None)
    if page is None or below is None:
        return RouteResult(page) if page is not None else None
    try:
        # The page's own routing, from its part of the path: its resolver finds the view
        # (no query) and notes the match on the request, as when Wagtail routes it.
        return page.route(request, list(below))
    except Http404:
        return None


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
