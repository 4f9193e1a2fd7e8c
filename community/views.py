"""Public views of subscriptions: the follow form, its confirmation, manage, unsubscribe.

As registration's (sessions/registration/views.py): the follow form carries no CSRF
token, so its page stays in the shared page cache; cross-site POSTs are refused
(``cms.crosssite``) and rate limits bound the rest. The personal pages (confirm,
manage) are found by a signed token in their URL, never cached, and their forms work
without a cookie. The one-click unsubscribe (RFC 8058) is a POST from a mail provider's
server, with neither cookie nor Origin: the token alone decides.

No public answer says whether an address is subscribed: the form answers the same for
any address, and no page shows an address except to whoever holds its link.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.crosssite import refuse_cross_site
from cms.models import SiteSettings
from cms.optin import personal_page
from cms.ratelimit import ratelimit

from . import service, tokens
from .forms import FollowForm, ManageForm
from .models import REQUEST_HOURS, WHOLE
from .topics import describe, news_of, resolve

# Rate-limit scopes (limits in settings.FAIRVILLE_RATE_LIMITS): the follow form per
# client and from all clients together (what a botnet can make the site email), the
# personal pages per client.
SCOPE = "follow"
ALL_SCOPE = "follow-all"
PERSONAL_SCOPE = "subscriptions"


def _everyone(request, *args, **kwargs):
    return "everyone"


def _privacy_url(request):
    privacy = SiteSettings.for_request(request).privacy_page
    return privacy.localized.url if privacy else ""


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@refuse_cross_site
@ratelimit(SCOPE)
@ratelimit(ALL_SCOPE, key=_everyone)
def follow(request, topic, code=None):
    key = resolve(topic, code)
    if key is None or (topic in WHOLE) != (code is None):
        raise Http404
    items = describe([(topic, key)], request.LANGUAGE_CODE)
    if not items:
        raise Http404
    form = FollowForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not form.is_bot():
            data = form.cleaned_data
            service.request(data["email"], data["language"], data["frequency"], [(topic, key)])
        # The same answer for any address: the form reveals nothing of who follows what.
        return redirect("community:sent")
    item = items[0]
    context = {
        "item": item,
        "news": news_of(topic, item["name"]),
        "form": form,
        "privacy_url": _privacy_url(request),
    }
    return render(request, "community/follow.html", context, status=400 if form.errors else 200)


def sent(request):
    return render(request, "community/sent.html", {"valid_hours": REQUEST_HOURS})


def _personal(request, template, context, status=200):
    return personal_page(request, f"community/{template}.html", context, status=status)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@refuse_cross_site
@ratelimit(PERSONAL_SCOPE)
def confirm(request, token):
    """The link of the confirmation email: a page with a button; its POST subscribes.

    A GET subscribes nobody (mail scanners open links).
    """
    try:
        pending = tokens.find(token, tokens.CONFIRM)
    except tokens.Expired:
        return _personal(request, "confirm", {"state": "expired"}, status=410)
    if pending is None:
        return _personal(request, "confirm", {"state": "gone"}, status=404)
    if request.method == "POST":
        try:
            subscriber = service.confirm(pending)
        except service.RequestGone:
            return _personal(request, "confirm", {"state": "gone"}, status=404)
        manage_token = tokens.make(subscriber, tokens.MANAGE)
        return redirect(reverse("community:manage", args=[manage_token]) + "?confirmed=1")
    context = {
        "state": "ask",
        "email": pending.email,
        "follows": describe([tuple(pair) for pair in pending.follows], request.LANGUAGE_CODE),
    }
    return _personal(request, "confirm", context)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@refuse_cross_site
@ratelimit(PERSONAL_SCOPE)
def manage(request, token):
    subscriber = tokens.find(token, tokens.MANAGE)
    if subscriber is None:
        return _personal(request, "manage", {"state": "gone"}, status=404)
    follows = list(subscriber.follows.order_by("pk"))
    described = {
        (item["topic"], item["key"]): item["name"]
        for item in describe([(f.topic, f.key) for f in follows], request.LANGUAGE_CODE)
    }
    choices = [
        (f.pk, described[(f.topic, f.key)]) for f in follows if (f.topic, f.key) in described
    ]
    initial = {
        "follows": [str(pk) for pk, _name in choices],
        "language": subscriber.language,
        "frequency": subscriber.frequency,
    }
    form = ManageForm(
        request.POST if request.method == "POST" else None, follows=choices, initial=initial
    )
    if request.method == "POST":
        if "leave" in request.POST:
            service.leave(subscriber)
            return _personal(request, "manage", {"state": "left"})
        if form.is_valid():
            data = form.cleaned_data
            kept = service.update(
                subscriber, [int(pk) for pk in data["follows"]], data["language"], data["frequency"]
            )
            if kept is None:
                return _personal(request, "manage", {"state": "left"})
            return redirect(reverse("community:manage", args=[token]) + "?saved=1")
    context = {
        "state": "manage",
        "form": form,
        "email": subscriber.email,
        "saved": "saved" in request.GET,
        "confirmed": "confirmed" in request.GET,
    }
    return _personal(request, "manage", context, status=400 if form.errors else 200)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(PERSONAL_SCOPE)
def unsubscribe(request, token):
    """RFC 8058 one-click: a POST (from the mail provider, no cookie, no Origin) leaves.

    Cross-site POSTs are not refused here: only the holder of the token can make one,
    and leaving is what its holder asks. A GET shows a button (mail scanners open links).
    """
    subscriber = tokens.find(token, tokens.UNSUBSCRIBE)
    if request.method == "POST":
        if subscriber is not None:
            service.leave(subscriber)
        return _personal(request, "unsubscribe", {"state": "left"})
    if subscriber is None:
        return _personal(request, "unsubscribe", {"state": "gone"}, status=404)
    return _personal(request, "unsubscribe", {"state": "ask"})


def follow_url(topic, code=None):
    if code is None:
        return reverse("community:follow", args=[topic])
    return reverse("community:follow_item", args=[topic, code])
