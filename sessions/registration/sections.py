"""The registration block of a session page (a ``fairville_page_sections`` section)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from cms.fragments import shared
from cms.models import SiteSettings
from cms.models.pages import PageSection
from sessions import timefmt
from sessions.models import SessionPage

from .forms import OpeningNoticeForm, RegistrationForm
from .service import has_place
from .state import State, registration_state


def registration_section(request, page, page_context):
    """The registration block; a view that refused a form puts the bound form in the page's
    context (``registration_form``, ``notice_form``) to show it with its errors.

    An empty form is the same for every visitor of the page: the template keeps its
    fields' HTML (a ``fragment``), so it is built (``SimpleLazyObject``) only when that
    is not kept. Whether places are left is a count, read on every render."""
    session = page.specific_deferred
    if not isinstance(session, SessionPage):
        return None
    now = timezone.now()
    state, changes = registration_state(session, now)
    if state == State.NONE:
        return None
    home = session.registration_home
    language = get_language()
    zones = timefmt.zones_for(home.time_zone)
    context = {"state": str(state), "session": session, "privacy_url": _privacy_url(request)}
    if state == State.OPEN:
        bound = page_context.get("registration_form")
        context.update(
            form=bound or SimpleLazyObject(lambda: RegistrationForm(session=session)),
            bound=bound is not None,
            action=_action("event_sessions:register", session),
            full=not has_place(home),
            closes=timefmt.format_moment(home.registration_closes, language, zones),
        )
    elif state == State.NOTIFY:
        opens = home.registration_opens_at if home.registration_opens_at else None
        bound = page_context.get("notice_form")
        context.update(
            form=bound or SimpleLazyObject(OpeningNoticeForm),
            bound=bound is not None,
            action=_action("event_sessions:notify", session),
            opens=timefmt.format_moment(opens, language, zones) if opens and opens > now else "",
        )
    return PageSection(
        "event_sessions/includes/registration.html", context, order=5, changes_at=changes
    )


def _action(name, session):
    # A new session's preview (no id yet) has nowhere to send a form: it shows none.
    return reverse(name, args=[session.pk]) if session.pk is not None else ""


def _privacy_url(request):
    if request is None:
        return ""
    # Content only (site settings, a page's address): kept like the menu (cms/fragments.py).
    return shared("privacy-url", lambda: _find_privacy_url(request), request.get_host())


def _find_privacy_url(request):
    privacy = SiteSettings.for_request(request).privacy_page
    return privacy.localized.url if privacy else ""
