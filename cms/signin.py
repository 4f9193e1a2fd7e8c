"""One throttle for every path that checks a password, and the views that use it.

The paths: the admin's sign-in (``/admin/login/``), the page password form
(``/<lang>/_util/authenticate_with_password/…``) and the collection password form that
guards documents (``/documents/authenticate_with_password/…``). The admin's password
reset checks nothing guessable (its links carry Django's signed tokens); its requests,
which send email, are limited per client and per address (``password-reset`` and
``password-reset-address`` scopes), so nobody's inbox can be flooded. Wagtail's front-end sign-in
(``/<lang>/_util/login/``) is turned off: only editors have accounts, so a "logged-in
users" or "groups" restriction only ever admits editors, who sign in at the admin anyway.
``WAGTAIL_FRONTEND_LOGIN_URL`` sends such pages to the admin's sign-in, and the old address
redirects there too. Each path is Wagtail's own view, wrapped at its URL (cms/urls.py)
rather than patched.

Two counters, checked before any password is:

- **Per client** (``signin`` scope, 10 attempts in 15 minutes by default): every POST to
  any of the paths counts, whatever the account or page, so a client cannot spread its
  guesses over paths. The client is its IPv4 address or IPv6 /64 (cms/ratelimit.py).
  Over the limit: a 429 in the visitor's language.
- **Per account name, or per protected page or collection** (``signin-account`` scope):
  failures from any client count, so a guess spread over many addresses is slowed too.
  The first few are free (5 in a window that slides 15 minutes past the last failure);
  after that each attempt must wait a delay that doubles with every failure (1 s, 2 s,
  4 s… up to ``FAIRVILLE_SIGNIN_MAX_DELAY``, 5 minutes), and one attempt only takes each
  opening (an atomic ``add`` in the store), however many clients try at once. A sustained
  guess at one account gets about 12 attempts an hour.

  This is a delay, never a lock, and it does not stand in the real person's way: a
  browser that has signed in to that account (or entered that page's password) before
  carries a signed cookie naming it (``fairville_signin``, HMAC of the account, 180 days,
  HttpOnly, sent only to that form's path) and skips the per-account delay; only the
  per-client limit applies to it.
  On a new browser during an attack, the password reset email is the extra step: the
  reset link, opened in that browser, gives it the same cookie. An attacker can delay
  its own guesses, not the editor's sign-in.

When the counters' store is down, every password path fails closed: a friendly 503 and no
password checked, since without counters guessing would run at full speed (public forms
fail open instead, see cms/ratelimit.py).

Failed, refused and throttled attempts are logged on the ``fairville.signin`` logger
(INFO for failures, WARNING for throttling, ERROR when the store is down): the path, the
account name (as ``repr``, truncated) or the page, and the client. Never a password.
"""

import logging
import math
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.urls import reverse_lazy
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, ngettext
from django.views.generic import RedirectView
from wagtail.admin.views import account as wagtail_account

from cms.ratelimit import (
    StoreUnavailable,
    client_id,
    counter_key,
    hit,
    is_rate_limited,
    limit_for,
    store,
    store_unavailable,
    too_many_requests,
)

SCOPE = "signin"
ACCOUNT_SCOPE = "signin-account"
COOKIE = "fairville_signin"
COOKIE_SALT = "fairville.signin.device"
COOKIE_MAX_AGE = 180 * 24 * 3600
REMEMBERED = 20  # accounts and pages one browser is trusted for, most recent first
ADMIN_PATH = "/admin/"

logger = logging.getLogger("fairville.signin")


def account(name):
    """The per-account subject of a sign-in: the name as typed, without case or spaces."""
    return "account:" + str(name).strip().casefold()


def _label(subject):
    return repr(subject[:100])


def _digest(subject):
    return salted_hmac(COOKIE_SALT, subject).hexdigest()[:24]


def _trusted_digests(request):
    try:
        value = signing.loads(
            request.COOKIES.get(COOKIE, ""), salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE
        )
    except signing.BadSignature:
        return []
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def trusted(request, subject):
    """Whether this browser has passed this subject's password before."""
    return _digest(subject) in _trusted_digests(request)


def remember(request, response, subject, path):
    """Trust this browser for ``subject`` on the password form under ``path``: the cookie
    goes nowhere else, so the public pages' cache (which passes over visitors with
    cookies) never sees it."""
    digests = [_digest(subject)]
    digests += [d for d in _trusted_digests(request) if d != digests[0]][: REMEMBERED - 1]
    response.set_cookie(
        COOKIE,
        signing.dumps(digests, salt=COOKIE_SALT),
        max_age=COOKIE_MAX_AGE,
        path=path,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def max_delay():
    return getattr(settings, "FAIRVILLE_SIGNIN_MAX_DELAY", 300)


def delay_after(failures):
    """Seconds between attempts on one subject after ``failures`` recent failures."""
    free = limit_for(ACCOUNT_SCOPE)[0]
    if failures < free:
        return 0
    return min(2 ** min(failures - free, 30), max_delay())


def _failures_key(subject):
    return counter_key(ACCOUNT_SCOPE, subject)


def _opening_key(subject):
    return counter_key(ACCOUNT_SCOPE + "-opening", subject)


def _wait(subject):
    """0 if an attempt on ``subject`` may go ahead now (taking the opening), else the
    seconds until the next opening. Raises StoreUnavailable."""
    counters = store()
    try:
        delay = delay_after(counters.get(_failures_key(subject)) or 0)
        if not delay:
            return 0
        now = time.time()
        if counters.add(_opening_key(subject), now + delay, delay):
            return 0
        opens_at = counters.get(_opening_key(subject)) or now
    except Exception as error:  # the backend's own errors
        raise StoreUnavailable(str(error)) from error
    return max(1, math.ceil(opens_at - now))


@dataclass
class Refusal:
    status: int  # 429: wait; 503: the store is down
    retry_after: int
    per_account: bool = False


def check(request, subject, path):
    """Count an attempt on ``subject`` at ``path``; a Refusal if it must not be checked."""
    client = client_id(request)
    try:
        if is_rate_limited(request, SCOPE, fail_open=False):
            logger.warning(
                "Sign-in throttled (client) at %s for %s from %s", path, _label(subject), client
            )
            return Refusal(429, limit_for(SCOPE)[1])
        if not trusted(request, subject):
            wait = _wait(subject)
            if wait:
                logger.warning(
                    "Sign-in delayed (account) at %s for %s from %s: %s s",
                    path,
                    _label(subject),
                    client,
                    wait,
                )
                return Refusal(429, wait, per_account=True)
    except StoreUnavailable as error:
        logger.error("Sign-in refused at %s: rate-limit store unavailable (%s)", path, error)
        return Refusal(503, 60)
    return None


def failed(request, subject, path):
    window = limit_for(ACCOUNT_SCOPE)[1]
    failures = None
    try:
        failures = hit(ACCOUNT_SCOPE, subject, window)
        counters = store()
        counters.touch(_failures_key(subject), window)  # the window slides past each failure
        delay = delay_after(failures)
        if delay:
            counters.set(_opening_key(subject), time.time() + delay, delay)
    except Exception as error:
        logger.error("Sign-in failure not counted: rate-limit store unavailable (%s)", error)
    logger.info(
        "Sign-in failed at %s for %s from %s (%s recent failures)",
        path,
        _label(subject),
        client_id(request),
        failures,
    )


def succeeded(request, response, subject, path, cookie_path):
    logger.info("Signed in at %s as %s from %s", path, _label(subject), client_id(request))
    remember(request, response, subject, cookie_path)


class SignInView(wagtail_account.LoginView):
    """Wagtail's admin sign-in behind the throttle."""

    path_name = "admin login"

    def post(self, request, *args, **kwargs):
        self.subject = account(request.POST.get("username", ""))
        refusal = check(request, self.subject, self.path_name)
        if refusal is None:
            return super().post(request, *args, **kwargs)
        # Answer before the form is validated, so that no password is even checked.
        messages.error(request, refusal_message(refusal))
        form = self.get_form_class()(request, initial={"username": request.POST.get("username")})
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = refusal.status
        response["Retry-After"] = str(refusal.retry_after)
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        succeeded(self.request, response, self.subject, self.path_name, ADMIN_PATH)
        return response

    def form_invalid(self, form):
        failed(self.request, self.subject, self.path_name)
        return super().form_invalid(form)


def refusal_message(refusal):
    if refusal.status == 503:
        return gettext("Signing in is unavailable for a moment. Please try again in a minute.")
    if refusal.per_account:
        return ngettext(
            "Too many failed attempts for this account. Please wait %(seconds)s second "
            "and try again, or reset your password by email.",
            "Too many failed attempts for this account. Please wait %(seconds)s seconds "
            "and try again, or reset your password by email.",
            refusal.retry_after,
        ) % {"seconds": refusal.retry_after}
    minutes = max(1, refusal.retry_after // 60)
    return ngettext(
        "Too many sign-in attempts from your address. "
        "Please wait %(minutes)s minute and try again.",
        "Too many sign-in attempts from your address. "
        "Please wait %(minutes)s minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def reset_address(request):
    """What the ``password-reset-address`` scope counts: the address an email goes to."""
    return request.POST.get("email", "").strip().casefold()


class PasswordResetConfirmView(wagtail_account.PasswordResetConfirmView):
    """The reset link from the email is the extra step on a new browser: once the new
    password is set there, the browser is trusted for the account, as after a sign-in."""

    def form_valid(self, form):
        response = super().form_valid(form)
        subject = account(self.user.get_username())
        logger.info("Password reset for %s from %s", _label(subject), client_id(self.request))
        remember(self.request, response, subject, ADMIN_PATH)
        return response


class FrontEndLoginView(RedirectView):
    """Wagtail's front-end sign-in, turned off: to the admin's, with ``next`` kept."""

    url = reverse_lazy("wagtailadmin_login")
    query_string = True


def password_form(view, restriction_model, kind, id_argument):
    """Wrap one of Wagtail's password-form views (pages, collections) in the throttle.

    The subject is the restriction: its failures from every client slow guesses at that
    password. Success is read where Wagtail records it, in the session."""
    session_key = restriction_model.passed_view_restrictions_session_key

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        restriction_id = kwargs[id_argument]

        def passed():
            return restriction_id in request.session.get(session_key, [])

        if request.method != "POST" or passed():
            return view(request, *args, **kwargs)
        subject, path = f"{kind}:{restriction_id}", f"{kind} password"
        refusal = check(request, subject, path)
        if refusal is not None:
            if refusal.status == 503:
                return store_unavailable(request)
            return too_many_requests(request, SCOPE, retry_after=refusal.retry_after)
        response = view(request, *args, **kwargs)
        if passed():
            form_path = request.path.rpartition("authenticate_with_password/")[0]
            succeeded(request, response, subject, path, form_path + "authenticate_with_password/")
        else:
            failed(request, subject, path)
        return response

    return wrapped
