from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Locale
from wagtail.signals import page_published
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.exports import SafeExportSnippetIndexView
from cms.fragments import shared
from cms.models import HomePage
from cms.models.pages import PAGE_SECTIONS_HOOK, PageSection

from .demo import load_demo
from .demo_recording import load_demo as load_recording_demo
from .models import ContributorRole, Organisation, Person, RecordingPage, SessionPage
from .registration import admin as registration_admin
from .registration import followup as registration_followup
from .registration import service as registration_service
from .registration.admin import RegistrationViewSet
from .registration.sections import registration_section
from .transcript_admin import TranscriptViewSet


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "organisation", "city", "country", "locale"]
    list_filter = ["locale", "country"]
    list_export = ["name", "organisation", "city", "country", "locale"]
    index_view_class = SafeExportSnippetIndexView
    search_fields = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "url", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "url", "locale"]
    index_view_class = SafeExportSnippetIndexView
    search_fields = ["name"]


class ContributorRoleViewSet(SnippetViewSet):
    model = ContributorRole
    icon = "tag"
    list_display = ["name", "locale"]
    list_filter = ["locale"]


class PeopleGroup(SnippetViewSetGroup):
    items = (PersonViewSet, OrganisationViewSet, ContributorRoleViewSet)
    menu_icon = "group"
    menu_label = _("People")
    menu_name = "people"
    menu_order = 250


register_snippet(PeopleGroup)
register_snippet(TranscriptViewSet)

hooks.register("fairville_load_demo", load_demo, order=10)
hooks.register("fairville_load_demo", load_recording_demo, order=15)


# After the site's Arabic pages (cms, order 90): the example session in Arabic, when
# Arabic is configured.
@hooks.register("fairville_load_demo", order=92)
def load_arabic_demo(loader):
    from .demo_arabic import load

    load(loader)


@hooks.register(PAGE_SECTIONS_HOOK)
def next_session_on_home(request, page, context):
    """The home page shows the next session, or the latest one when none is ahead."""
    if not isinstance(page.specific_deferred, HomePage):
        return None
    # Kept between renders until content changes or the clock moves the choice on.
    found = shared("next-session", choose_home_session, until=lambda found: found and found[3])
    if found is None:
        return None
    session, series, upcoming, changes_at = found
    context = {"session": session, "series": series, "upcoming": upcoming}
    return PageSection(
        "event_sessions/includes/home_session.html", context, order=10, changes_at=changes_at
    )


def choose_home_session():
    """(session, its series, whether it is ahead, when the clock changes that) or None."""
    now = timezone.now()
    sessions = (
        SessionPage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .exclude(status=SessionPage.Status.CANCELLED)
    )
    session = sessions.upcoming(now).chronological().first()
    upcoming = session is not None
    if session is None:
        # A date never confirmed is not a session that took place.
        past = sessions.past(now).exclude(status=SessionPage.Status.TO_BE_CONFIRMED)
        session = past.chronological().last()
    if session is None:
        return None
    return session, session.get_parent(), upcoming, session.next_change(now) if upcoming else None


@hooks.register("fairville_api_endpoints")
def api_endpoints():
    from .api import RecordingsAPIViewSet, SessionsAPIViewSet

    return [("sessions", SessionsAPIViewSet), ("recordings", RecordingsAPIViewSet)]


# -- registration ------------------------------------------------------------------

hooks.register(PAGE_SECTIONS_HOOK, registration_section)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet("registrations")


hooks.register("register_admin_urls", registration_admin.admin_urls)
hooks.register("register_admin_menu_item", registration_admin.counts_menu_item)
hooks.register("register_admin_menu_item", registration_admin.dashboard_menu_item)


def promote_after_publish(sender, instance, **kwargs):
    """A session published with more places takes people from its waiting list."""
    if instance.registration_home.pk == instance.pk and instance.registrations.waiting().exists():
        registration_service.grow(instance)


page_published.connect(promote_after_publish, sender=SessionPage, dispatch_uid="registration-grow")
page_published.connect(
    registration_followup.recording_published,
    sender=RecordingPage,
    dispatch_uid="registration-recording-online",
)
