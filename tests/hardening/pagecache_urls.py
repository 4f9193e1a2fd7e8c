"""Views that answer differently at every call, to see what the page cache keeps."""

import uuid

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.cache import cache_control, never_cache


def fresh(request):
    return HttpResponse(f"<p>{uuid.uuid4().hex}</p>")


def with_form(request):
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}<button>Register</button></form><p>{{ n }}</p>'
    )
    return HttpResponse(template.render({"n": uuid.uuid4().hex}, request))


def with_cookie(request):
    response = fresh(request)
    response.set_cookie("visited", "1")
    return response


def with_nonce(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>{uuid.uuid4().hex}')


def varies_on_user_agent(request):
    response = fresh(request)
    response["Vary"] = "User-Agent"
    return response


def missing(request):
    return HttpResponse(uuid.uuid4().hex, status=404)


urlpatterns = i18n_patterns(
    path("fresh/", fresh),
    path("form/", with_form),
    path("cookie/", with_cookie),
    path("nonce/", with_nonce),
    path("private/", cache_control(private=True)(fresh)),
    path("never/", never_cache(fresh)),
    path("short/", cache_control(max_age=0)(fresh)),
    path("vary/", varies_on_user_agent),
    path("missing/", missing),
    prefix_default_language=True,
)
