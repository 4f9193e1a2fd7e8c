"""Wagtail's API v2 at /api/v2/: read-only, published public pages, public fields only.

Each app registers its endpoints with the ``fairville_api_endpoints`` hook, a function
returning ``(name, viewset)`` pairs, so cms imports none of them::

    class SessionsAPIViewSet(PublicPagesAPIViewSet):
        model = SessionPage

    @hooks.register("fairville_api_endpoints")
    def api_endpoints():
        return [("sessions", SessionsAPIViewSet)]

What an endpoint shows is an allow-list: the id, title, slug, locale, URLs and first
publication date of every page, and the fields named in the model's ``api_fields``. A
field added to a model later (a meeting link, a passcode) stays out of the API until
someone lists it there. Only live pages that an anonymous visitor may see are listed
(no drafts, no private pages), each endpoint only its own page type, filterable by
``?locale=fr``. Only GET: the viewsets have no write routes.
"""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import path
from rest_framework.renderers import JSONRenderer
from wagtail import hooks
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, OrderingFilter, TranslationOfFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

API_HOOK = "fairville_api_endpoints"
API_PREFIX = "/api/v2/"


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """One page type's published public pages. Set ``model`` in a subclass."""

    # JSON only: the browsable HTML version would need inline scripts and styles.
    renderer_classes = [JSONRenderer]
    # No site search here (the search page has its own, tested against any input), and no
    # tree filters: an endpoint lists one page type, whatever the tree around it.
    filter_backends = [FieldsFilter, OrderingFilter, TranslationOfFilter, LocaleFilter]
    known_query_parameters = frozenset(
        ["limit", "offset", "fields", "order", "rich_text_format", "locale", "translation_of"]
    )
    # The parent page is another type, outside this endpoint: not shown.
    meta_fields = [field for field in PagesAPIViewSet.meta_fields if field != "parent"]
    detail_only_fields = []

    def get_queryset(self):
        # Only this endpoint's type: Wagtail's ``?type=`` would reach every page type.
        public = self.get_base_queryset().values_list("pk", flat=True)
        return self.model.objects.filter(pk__in=public).order_by("pk")


def endpoints():
    """{name: viewset} from every app's ``fairville_api_endpoints`` hook."""
    found = {}
    for register in hooks.get_hooks(API_HOOK):
        for name, viewset in register():
            found[name] = viewset
    return found


def urlpatterns():
    router = WagtailAPIRouter("wagtailapi")
    for name, viewset in sorted(endpoints().items()):
        router.register_endpoint(name, viewset)
    return [path(API_PREFIX.lstrip("/"), router.urls)]


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 of the API stays a JSON 404.

    Django sends any 404 outside the language prefixes on to ``/fr/...``, which Wagtail's
    catch-all always accepts: an API client asking for a missing or private page would get
    a redirect to an HTML page instead of ``{"message": "No Page matches..."}``.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(API_PREFIX):
            return response
        return super().process_response(request, response)
