"""The library: the listing page, and the routes hung under it (labs, exports, proposals).

RoutablePageMixin keeps everything about the library under one editable page per
language: ``/fr/bibliotheque/laboratoires/marseille/`` and
``/en/library/labs/marseille/``. Each sub-route has one name and a path in each
language: the English one, which answers in every language, and its translation from the
catalogues (``_("labs/<str:code>/")``, "laboratoires/<str:code>/" in French), which
answers in that language and is the one links use.
"""

from functools import lru_cache

from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from cms.models import BasePage

from .case_studies import CaseStudyPage
from .labs import Lab


class LibraryPage(RoutablePageMixin, BasePage):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    propose_text = RichTextField(
        _("text above the proposal form"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("What a good proposal contains, and what happens to it."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("propose_text")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["practices.CaseStudyPage"]
    max_count_per_parent = 1
    template = "practices/library_page.html"

    class Meta:
        verbose_name = _("case-study library")
        verbose_name_plural = _("case-study libraries")

    def route(self, request, path_components):
        """The library's sub-routes first, as ``RoutablePageMixin`` does, then its case
        studies, each read in one query: Wagtail's routing reads a child as a ``Page``,
        then again as its own class (a case study answers under its library at once)."""
        if not path_components:
            return super().route(request, path_components)
        if self.live:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                pass
            else:  # one of the library's routes: RoutablePageMixin serves it
                return super().route(request, path_components)
        try:
            child = CaseStudyPage.objects.child_of(self).get(slug=path_components[0])
        except CaseStudyPage.DoesNotExist:
            # Not a case study (no other kind of page lives here): Wagtail says 404.
            return super(RoutablePageMixin, self).route(request, path_components)
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def keeps_route(self, match):
        """Whether a route with arguments may be kept (cms/routing.py): a lab's page, for
        a lab that exists, as the lab view finds it."""
        if match.url_name not in ("lab", "lab_any"):
            return False
        from practices import vocabulary

        return match.kwargs.get("code") in vocabulary.labs(self.locale)

    # Routes (the views live in practices.views, so the model stays about data)

    def _serve(self, view, request, *args):
        # Imported when served: the views import the models.
        from practices import views

        return getattr(views, view)(request, self, *args)

    @path("")
    def index_route(self, request):
        return self._serve("index", request)

    @path(_("labs/<str:code>/"), name="lab")
    @path("labs/<str:code>/", name="lab_any")
    def lab_route(self, request, code):
        return self._serve("lab", request, code)

    @path("export/csv/", name="export_csv")
    def export_csv_route(self, request):
        return self._serve("export", request, "csv")

    @path("export/json/", name="export_json")
    def export_json_route(self, request):
        return self._serve("export", request, "json")

    @path("export/datapackage/", name="export_datapackage")
    def export_datapackage_route(self, request):
        return self._serve("export_datapackage", request)

    @path("export/datacite/", name="export_datacite")
    def export_datacite_route(self, request):
        return self._serve("export_datacite", request)

    @path("feed/rss/", name="feed_rss")
    def feed_rss_route(self, request):
        from practices.feeds import CaseStudyFeed

        return CaseStudyFeed(self, "rss")(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom_route(self, request):
        from practices.feeds import CaseStudyFeed

        return CaseStudyFeed(self, "atom")(request)

    def feed_links(self):
        """(type, title, URL) of this library's feeds, for ``includes/feed_links.html``."""
        title = _("New case studies")
        return [
            ("application/rss+xml", f"{title} (RSS)", self.route_url("feed_rss")),
            ("application/atom+xml", f"{title} (Atom)", self.route_url("feed_atom")),
        ]

    @path(_("codebook/"), name="codebook")
    @path("codebook/", name="codebook_any")
    def codebook_route(self, request):
        return self._serve("codebook", request)

    @path(_("propose/"), name="propose")
    @path("propose/", name="propose_any")
    def propose_route(self, request):
        return self._serve("propose", request)

    @path(_("propose/thanks/"), name="thanks")
    @path("propose/thanks/", name="thanks_any")
    def thanks_route(self, request):
        return self._serve("thanks", request)

    def get_url_parts(self, request=None):
        # Every link of the library's pages starts with its address (rows, facets, the
        # tag cloud, labs, exports): worked out once per instance and language, as
        # Wagtail keeps the site's root paths once per instance.
        if request is not None:
            return super().get_url_parts(request)
        key = (self.url_path, translation.get_language())
        known = self.__dict__.setdefault("_url_parts", {})
        if key not in known:
            known[key] = super().get_url_parts()
        return known[key]

    def route_url(self, name, *args):
        """The URL of a sub-route in this page's language (``lab``, ``codebook``...)."""
        return self.url + self.route_path(name, *args)

    def route_path(self, name, *args):
        return _route_path(type(self), self.locale.language_code, name, args)

    def lab_url(self, lab):
        return self.route_url("lab", lab.slug)

    def get_sitemap_urls(self, request=None):
        """The library, then its codebook and lab pages, which search engines should find too."""
        urls = super().get_sitemap_urls(request)
        parts = self.get_url_parts(request)
        if not urls or parts is None:
            return urls
        _site_id, root_url, page_path = parts
        lastmod = urls[0].get("lastmod")
        routes = [self.route_path("codebook")]
        labs = Lab.objects.filter(locale_id=self.locale_id).order_by("slug")
        routes += [self.route_path("lab", lab.slug) for lab in labs]
        return urls + [{"location": root_url + page_path + r, "lastmod": lastmod} for r in routes]

    def translated_route_url(self, url, code, request, route):
        """The language switcher keeps the reader where they are: same route, same filters.

        ``url``: the address of this page's version in ``code`` (``cms.i18n``); ``route``:
        ``(name, args)`` from the view's context (name ``None``: the listing). A route's
        path is the same for every version of the library, in that version's language.
        """
        name, args = route
        if name:
            url += _route_path(type(self), code, name, tuple(args))
        query = request.GET.urlencode() if name in (None, "codebook") else ""
        return f"{url}?{query}" if query else url


@lru_cache(maxsize=1024)
def _route_path(page_class, language_code, name, args):
    """A sub-route's path in a language: the class's URL patterns are code, not content,
    so each answer holds as long as the process (a page of results links a dozen)."""
    with translation.override(language_code):
        return page_class.get_resolver().reverse(name, *args)


class LibraryVersion(models.Model):
    """One row whose token changes, in the same transaction, with anything the library's
    listing shows (see ``practices.library_index``): each process keeps the listing's
    facet index for one token and rebuilds it when the token it reads is another."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("library version")

    def __str__(self):
        return self.token
