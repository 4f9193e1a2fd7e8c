"""The registration block of a session page (a ``fairville_page_sections`` section)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from cms.models import SiteSettings
from cms.models.pages import PageSection
from sessions import timefmt
from sessions.models import SessionPage

from .forms import OpeningNoticeForm, RegistrationForm
from .service import has_place
from .state import State, registration_state


def registration_section(request, page, page_context):
    """The registration block; a view that refused a form puts the bound form in the page's
    context (``registration_form``, ``notice_form``) to show it with its errors."""
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
        context.update(
            form=page_context.get("registration_form") or RegistrationForm(session=session),
            action=reverse("event_sessions:register", args=[session.pk]),
            full=not has_place(home),
            closes=timefmt.format_moment(home.registration_closes, language, zones),
        )
    elif state == State.NOTIFY:
        opens = home.registration_opens_at if home.registration_opens_at else None
        context.update(
            form=page_context.get("notice_form") or OpeningNoticeForm(),
            action=reverse("event_sessions:notify", args=[session.pk]),
            opens=timefmt.format_moment(opens, language, zones) if opens and opens > now else "",
        )
    return PageSection(
        "event_sessions/includes/registration.html", context, order=5, changes_at=changes
    )


def _privacy_url(request):
    privacy = SiteSettings.for_request(request).privacy_page if request else None
    return privacy.localized.url if privacy else ""
