"""The library's views, reached through LibraryPage's routes."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import get_language

from cms.ratelimit import ratelimit

from . import opendata
from .forms import ProposalForm
from .listing import PER_PAGE, SORTS, Filters, Library, page_rows
from .map import lab_map
from .models import Lab
from .submissions import submit_proposal


def _browse(request, library_page, filters):
    library = Library(library_page.locale, filters)
    paginator = Paginator(page_rows(library.results()), PER_PAGE)
    results = paginator.get_page(request.GET.get("page"))
    rows = library.decorate(list(results.object_list))
    return library, results, rows


def library(request, page):
    request.library_route = (None, ())
    filters = Filters.from_query(request.GET)
    library, results, rows = _browse(request, page, filters)
    return page.render(
        request,
        context_overrides={
            "filters": filters,
            "facets": library.facets(),
            "tag_cloud": library.tag_cloud(),
            "results": results,
            "rows": rows,
            "sorts": [(key, label) for key, (label, _order) in SORTS.items()],
            "map": lab_map(page, library.labs().values(), rows),
            "export_query": filters.querystring(),
        },
    )


def lab(request, page, code):
    request.library_route = ("lab", (code,))
    labs = {
        lab.locale_id: lab for lab in Lab.objects.filter(slug=code).prefetch_related("partners")
    }
    found = labs.get(page.locale_id) or next(iter(labs.values()), None)
    if found is None:
        raise Http404
    filters = Filters(lab=[code])
    library, results, rows = _browse(request, page, filters)
    return page.render(
        request,
        template="practices/lab_page.html",
        context_overrides={
            "lab": found,
            "results": results,
            "rows": rows,
            "filters": filters,
            "map": lab_map(page, [found], rows),
        },
    )


def export(request, page, fmt):
    filters = Filters.from_query(request.GET)
    library = Library(page.locale, filters)
    return opendata.export_response(request, library, fmt)


def codebook(request, page):
    request.library_route = ("codebook", ())
    library = Library(page.locale, Filters())
    return page.render(
        request,
        template="practices/codebook.html",
        context_overrides={
            "fields": opendata.FIELDS,
            "labs": library.labs(),
            "levers": library.levers(),
        },
    )


@ratelimit("case_study_proposal")
def propose(request, page):
    request.library_route = ("propose", ())
    form = ProposalForm(request.POST or None, locale=page.locale)
    if request.method == "POST" and form.is_valid():
        if not form.is_bot():
            submit_proposal(form, page)
        return redirect(page.route_url("thanks"))
    return page.render(
        request,
        template="practices/propose.html",
        context_overrides={"form": form, "language": get_language()},
    )


def thanks(request, page):
    request.library_route = ("thanks", ())
    return page.render(request, template="practices/propose_thanks.html")
