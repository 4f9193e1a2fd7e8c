""" "Cite this" on a page: the citation in its context, and its downloads.

A page class that mixes in ``CitablePageMixin`` (before ``BasePage``) and defines
``citation(request) -> cms.citation.Citation`` gets:

- ``{% citation_meta citation %}`` in the head and ``{% cite_this citation %}`` in the
  body (``citation_tags``), once the page's ``get_context`` puts ``citation`` there;
- three downloads under its own address: ``cite/bibtex/``, ``cite/ris/``,
  ``cite/csl-json/`` (Wagtail's addresses end with a slash, hence no ``.bib``).

The downloads go through Wagtail's page serving, so a draft or a private page answers
404 or asks to log in, exactly as the page itself does.
"""

from django.http import Http404, HttpResponse
from wagtail.url_routing import RouteResult

from .citation import FORMATS
from .ratelimit import ratelimit

CITE = "cite"
# Per client (settings.FAIRVILLE_RATE_LIMITS): a download is a cheap render, but a query
# string takes it past the page cache, so a script could ask for it without end.
CITATION_SCOPE = "citation"


def citation_response(citation, fmt, stem):
    """The citation as a file to download; ``fmt`` is a key of ``FORMATS``."""
    extension, content_type = FORMATS[fmt]
    response = HttpResponse(citation.render(fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    # Reference managers and scripts on other sites may fetch it: it is public metadata.
    response["Access-Control-Allow-Origin"] = "*"
    return response


class CitablePageMixin:
    def citation(self, request):
        raise NotImplementedError

    def route(self, request, path_components):
        if len(path_components) == 2 and path_components[0] == CITE:
            if path_components[1] not in FORMATS or not self.live:
                raise Http404
            return RouteResult(self, kwargs={"cite_format": path_components[1]})
        return super().route(request, path_components)

    def serve(self, request, *args, cite_format=None, **kwargs):
        if cite_format is None:
            return super().serve(request, *args, **kwargs)
        return _download(request, self, cite_format)

    def citation_download_url(self, request, fmt):
        return f"{self.get_url(request)}{CITE}/{fmt}/"


@ratelimit(CITATION_SCOPE, methods=("GET", "HEAD"))
def _download(request, page, fmt):
    return citation_response(page.citation(request), fmt, page.slug or CITE)
