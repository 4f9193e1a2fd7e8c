"""The library's views, reached through LibraryPage's routes."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language

from cms import exportcache
from cms.datapackage import package_zip
from cms.licences import site_licence
from cms.ratelimit import client_id, ratelimit

from . import library_index, opendata, vocabulary
from .datacite import datacite_xml
from .datapackage import library_package
from .forms import ProposalForm
from .listing import SORTS, TEXT_SORT, Filters, Listing
from .map import lab_map
from .rows import listed_rows
from .submissions import submit_proposal


def _browse(request, page, filters):
    listing = Listing(page.locale, filters)
    results = listing.paginate(request.GET.get("page"))
    rows = listed_rows(listing, list(results.object_list), request)
    return listing, results, rows


def _searching(request, page, *args):
    """The client, when the request searches (``q``): the keyword box runs the search
    engine, as the search page does, and is limited like it; browsing the facets is not
    counted."""
    return client_id(request) if request.GET.get("q", "").strip() else None


@ratelimit("library-search", methods=("GET",), key=_searching)
def index(request, page):
    filters = Filters.from_query(request.GET)
    listing, results, rows = _browse(request, page, filters)
    suggestion = listing.suggestion
    return page.render(
        request,
        context_overrides={
            "filters": filters,
            "suggestion": suggestion,
            "suggestion_query": (
                listing.with_keywords(suggestion).querystring() if suggestion else ""
            ),
            "facets": listing.facets(),
            "tag_cloud": listing.tag_cloud(),
            "results": results,
            "rows": rows,
            "sorts": [
                (key, label)
                for key, (label, _order) in SORTS.items()
                if key != TEXT_SORT or filters.q
            ],
            "map": lab_map(page, listing.labs.values(), [row.marker for row in rows]),
            "export_query": filters.querystring(),
            "route": (None, ()),
        },
    )


def lab(request, page, code):
    # In the reader's language, else the language it was written in (a lab's code is the
    # same in every language).
    found = vocabulary.labs(page.locale).get(code)
    if found is None:
        raise Http404
    filters = Filters(lab=[code])
    listing, results, rows = _browse(request, page, filters)
    return page.render(
        request,
        template="practices/lab_page.html",
        context_overrides={
            "lab": found,
            "results": results,
            "rows": rows,
            "filters": filters,
            "map": lab_map(page, [found], [row.marker for row in rows]),
            "route": ("lab", (code,)),
        },
    )


# Every export reads the whole library (or a filtered part of it): per client, they
# share one rate limit. The two whole-library downloads are built once per version of
# the library (cms.exportcache), whatever the number of requests.
open_data_limit = ratelimit(exportcache.OPEN_DATA_SCOPE, methods=("GET", "HEAD"))


@open_data_limit
@ratelimit("library-search", methods=("GET",), key=_searching)
def export(request, page, fmt):
    filters = Filters.from_query(request.GET)
    return opendata.export_response(request, Listing(page.locale, filters), fmt)


def _library_version(page):
    # The token changes with anything a case study's row shows (practices.library_index);
    # the library page's own title and address change with its publishing, which
    # changes the token too.
    return (library_index.current_token(), page.pk)


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@open_data_limit
def export_datapackage(request, page):
    """The whole library as a Frictionless Data Package (zip), with its DataCite record."""

    def build():
        descriptor, files = library_package(request, page)
        content = package_zip(descriptor, files, {"datacite.xml": datacite_xml(request, page)})
        return f"fairville-case-studies-{descriptor['version']}.zip", content

    filename, content = exportcache.download(
        request, "library-datapackage", _library_version(page), build
    )
    return _attachment(content, "application/zip", filename)


@open_data_limit
def export_datacite(request, page):
    def build():
        return "fairville-case-studies-datacite.xml", datacite_xml(request, page)

    filename, content = exportcache.download(
        request, "library-datacite", _library_version(page), build
    )
    return _attachment(content, "application/xml", filename)


def codebook(request, page):
    listing = Listing(page.locale, Filters())
    return page.render(
        request,
        template="practices/codebook.html",
        context_overrides={
            "fields": opendata.FIELDS,
            "labs": listing.labs,
            "levers": listing.levers,
            "route": ("codebook", ()),
        },
    )


@ratelimit("case_study_proposal")
def propose(request, page):
    form = ProposalForm(request.POST or None, locale=page.locale, licence=site_licence(request))
    if request.method == "POST" and form.is_valid():
        if not form.is_bot():
            submit_proposal(form, page)
        return redirect(page.route_url("thanks"))
    return page.render(
        request,
        template="practices/propose.html",
        context_overrides={"form": form, "language": get_language(), "route": ("propose", ())},
    )


def thanks(request, page):
    return page.render(
        request,
        template="practices/propose_thanks.html",
        context_overrides={"route": ("thanks", ())},
    )
