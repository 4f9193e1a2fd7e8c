from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.ratelimit import ratelimit

from . import service, skos


# Answers depend on each query: the shared page cache (cms.pagecache) keeps none of them,
# so a flood of random queries cannot push real pages out of it.
@never_cache
@require_GET
@ratelimit("search", methods=("GET",))
def search(request):
    return TemplateResponse(request, "search/search.html", {"search": service.search(request)})


@never_cache
@require_GET
@ratelimit("search-suggestions", methods=("GET",))
def suggestions(request):
    """Titles for the search box as the reader types (used by search/suggest.js)."""
    return JsonResponse({"results": service.suggestions(request, request.GET.get("q", ""))})


@require_GET
@ratelimit("search-vocabulary", methods=("GET",))
def vocabulary_turtle(request):
    """The bilingual vocabulary as SKOS (Turtle), concepts named under this address."""
    base = request.build_absolute_uri(request.path)
    response = HttpResponse(skos.turtle(base), content_type="text/turtle; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="vocabulary.ttl"'
    return response
