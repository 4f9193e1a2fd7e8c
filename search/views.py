from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.ratelimit import ratelimit

from . import service


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
