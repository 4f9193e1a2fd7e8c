"""Public registration views: the form's answers, the personal join and cancel links.

The form itself is a section of the session page (sections.py). It carries no CSRF
token, and its two POST views are exempt: a CSRF token guards what a visitor's
cookies allow, and these forms use none (no account, no session). Without a token the
session page stays in the shared page cache. What a token would also have stopped, a
hostile page auto-posting the form from each of its visitors' browsers, is refused by
``cms.crosssite`` (Origin / Sec-Fetch-Site); rate limits bound the rest.

Personal pages (join, cancel) are never cached anywhere and say nothing of a
registration to whoever does not hold its link.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from cms.crosssite import refuse_cross_site
from cms.optin import personal_page
from cms.ratelimit import ratelimit
from sessions import timefmt
from sessions.models import OpeningNotice, SessionPage
from sessions.views import _page_in_url_language

from . import followup, service, tokens
from .emails import localized
from .forms import OpeningNoticeForm, RegistrationForm
from .state import State, registration_state

# Rate-limit scopes (limits in settings.FAIRVILLE_RATE_LIMITS): each form per client,
# and each form per session, whoever sends it, which bounds what a crowd of clients
# (a botnet) can make the site send to other people's addresses about one session.
SCOPE = "registration"
SESSION_SCOPE = "registration-session"
NOTICE_SCOPE = "registration-notice"
NOTICE_SESSION_SCOPE = "registration-notice-session"
CONFIRM_SCOPE = "registration-confirm"


def _per_session(request, pk):
    """The rate-limit key of a session, its French and English pages together."""
    key = SessionPage.objects.filter(pk=pk).values_list("translation_key", flat=True).first()
    return None if key is None else f"session:{key}"


def _serve_with(page, request, **forms):
    """The session's page with these bound forms in its registration section."""
    response = page.serve(request)  # a TemplateResponse, rendered after this
    response.context_data.update(forms)
    return response


def _session(pk, route):
    return _page_in_url_language(SessionPage, pk, route)


@csrf_exempt
@require_POST
@refuse_cross_site
@ratelimit(SCOPE)
@ratelimit(SESSION_SCOPE, key=_per_session)
def register(request, pk):
    page, response = _session(pk, "event_sessions:register")
    if response is not None:
        return response
    form = RegistrationForm(request.POST, session=page)
    if form.is_valid():
        if not form.is_bot():
            try:
                service.request(page, form.registration_data())
            except service.RegistrationClosed:
                return redirect(page.url + "#registration")
        # The same answer whether the address was new, already registered or over its
        # emails for the day: the form reveals nothing of who is registered.
        return redirect("event_sessions:registered", pk=page.pk)
    return _serve_with(page, request, registration_form=form)


@csrf_exempt
@require_POST
@refuse_cross_site
@ratelimit(NOTICE_SCOPE)
@ratelimit(NOTICE_SESSION_SCOPE, key=_per_session)
def notify(request, pk):
    page, response = _session(pk, "event_sessions:notify")
    if response is not None:
        return response
    form = OpeningNoticeForm(request.POST)
    if form.is_valid():
        if not form.is_bot() and registration_state(page)[0] == State.NOTIFY:
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    OpeningNotice.objects.update_or_create(
                        session=page.registration_home,
                        email__iexact=data["email"],
                        defaults={
                            "email": data["email"],
                            "language": data["language"],
                            "notified_at": None,
                        },
                    )
            except IntegrityError:
                pass  # the same address twice at the same moment: one notice is enough
        return redirect("event_sessions:noted", pk=page.pk)
    return _serve_with(page, request, notice_form=form)


def registered(request, pk):
    page, response = _session(pk, "event_sessions:registered")
    if response is not None:
        return response
    context = {"session": page, "valid_hours": settings.FAIRVILLE_REGISTRATION_REQUEST_HOURS}
    return render(request, "event_sessions/registration/registered.html", context)


def noted(request, pk):
    page, response = _session(pk, "event_sessions:noted")
    if response is not None:
        return response
    return render(request, "event_sessions/registration/noted.html", {"session": page})


def _localized(session, request):
    return localized(session, request.LANGUAGE_CODE)


def _link_gone(request, expired=False):
    # Genuine but expired, or unknown: either way nothing about the registration.
    return render(
        request,
        "event_sessions/registration/link_gone.html",
        {"expired": expired},
        status=410 if expired else 404,
    )


def _is_public(*pages):
    pks = {page.pk for page in pages}
    return SessionPage.objects.live().public().filter(pk__in=pks).count() == len(pks)


@never_cache
def join(request, token):
    try:
        registration = tokens.find(token, tokens.JOIN)
    except tokens.Expired:
        return _no_referrer(_link_gone(request, expired=True))
    if registration is None or registration.status == registration.Status.CANCELLED:
        return _no_referrer(_link_gone(request))
    home = registration.session
    session = _localized(home, request)
    if not _is_public(home, session):  # unpublished or restricted since: no way in
        return _no_referrer(_link_gone(request))
    now = timezone.now()
    context = {"session": session, "registration": registration, "when": session.when()}
    status = 200
    if home.status == home.Status.CANCELLED:
        context["state"], status = "cancelled", 410
    elif not registration.is_confirmed:
        context["state"] = "waiting"
    elif home.ends_at is None or home.join_opens is None:
        context["state"] = "no_date"
    elif now >= home.ends_at:
        context["state"] = "ended"
    elif now < home.join_opens:
        context["state"] = "too_early"
        context["opens"] = timefmt.format_moment(
            home.join_opens, request.LANGUAGE_CODE, timefmt.zones_for(home.time_zone)
        )
    elif not home.meeting_url:
        context["state"] = "no_link"
    else:
        # A page with a button even without a passcode: mail scanners open links, and a
        # redirect would "join" the meeting for them.
        context.update(state="open", meeting_url=home.meeting_url, passcode=home.meeting_passcode)
        followup.attended(registration, now)
    response = render(request, "event_sessions/registration/join.html", context, status=status)
    return _no_referrer(response)


def _no_referrer(response):
    # The token is in this page's URL, and the meeting link may be on it.
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@refuse_cross_site
@ratelimit(CONFIRM_SCOPE)
def confirm(request, token):
    """The link of the confirmation email: a page with a button, and its POST.

    A GET takes nothing (mail scanners open links); the POST takes the place. No CSRF
    token: the secret token in the URL already proves the link was received, and a
    visitor without cookies can still confirm; cross-site POSTs are refused.
    """
    try:
        pending = tokens.find(token, tokens.CONFIRM)
    except tokens.Expired:
        return _confirm_page(request, {"state": "expired"}, status=410)
    if pending is None:
        return _confirm_page(request, {"state": "gone"}, status=404)
    session = _localized(pending.session, request)
    context = {"session": session, "name": pending.name, "email": pending.email}
    if pending.confirmed_at is None and timezone.now() >= pending.expires_at:
        return _confirm_page(request, {**context, "state": "expired"}, status=410)
    if request.method == "POST":
        try:
            service.confirm(pending)
        except service.RequestExpired:
            return _confirm_page(request, {**context, "state": "expired"}, status=410)
        except service.RegistrationClosed:
            return _confirm_page(request, {**context, "state": "closed"})
        return redirect(reverse("event_sessions:confirm", args=[token]))
    if pending.confirmed_at is None:
        return _confirm_page(request, {**context, "state": "ask"})
    registration = service.active_registration(pending.session, pending.email)
    state = registration.status if registration is not None else "cancelled"
    return _confirm_page(request, {**context, "state": state})


def _confirm_page(request, context, status=200):
    return personal_page(
        request, "event_sessions/registration/confirm.html", context, status=status
    )


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(SCOPE)
def cancel(request, token):
    try:
        registration = tokens.find(token, tokens.CANCEL)
    except tokens.Expired:
        return _link_gone(request, expired=True)
    if registration is None:
        return _link_gone(request)
    session = _localized(registration.session, request)
    ended = registration.session.ends_at is not None and registration.session.ends_at <= (
        timezone.now()
    )
    context = {"session": session, "registration": registration, "ended": ended}
    if request.method == "POST" and not ended:
        service.cancel(registration)
        return redirect(reverse("event_sessions:cancel", args=[token]) + "?done=1")
    context["done"] = registration.status == registration.Status.CANCELLED
    return render(request, "event_sessions/registration/cancel.html", context)
