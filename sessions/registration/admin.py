"""Registrations in the admin.

Personal data (the Registrations listing, its filters, search and CSV/XLSX export)
needs the ``view_registration`` permission, which only the "Registration managers"
group has (migration 0003) besides superusers. Every editor sees the counts.
Managers may correct a registrant's details or delete a registration, not change
its status: places and the waiting list only move through the locked transactions
of ``service``, so the admin cannot overbook.
"""

from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from cms.admin_views import AdminPage
from cms.exports import SpreadsheetSafeExport
from sessions.models import Registration, SessionPage

from . import dashboard

Status = Registration.Status
# Who registered for what, then their answers, then where they stand.
EXPORT_FIELDS = [
    "session",
    *Registration.ANSWERS,
    "status",
    "created_at",
    "waiting_since",
    "cancelled_at",
    "attended_at",
    "question_answers",
]


class RegistrationIndexView(SpreadsheetSafeExport, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("answers")


class RegistrationViewSet(ModelViewSet):
    model = Registration
    index_view_class = RegistrationIndexView
    icon = "form"
    menu_label = _("Registrations")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["__str__", "email", "session", "status", "role", "country", "created_at"]
    list_filter = ["session", "status", "role", "country", "language"]
    search_fields = ["first_name", "last_name", "email", "organisation"]
    # The database, not the search index: personal data never goes into the index.
    search_backend_name = None
    list_export = EXPORT_FIELDS
    export_filename = "registrations"
    copy_view_enabled = False
    # Wagtail's reference index would list registrations (by name) in the session page's
    # "Usage", which every editor sees; it also costs queries on every sign-up.
    add_to_reference_index = False
    inspect_view_enabled = True
    inspect_view_fields = EXPORT_FIELDS
    form_fields = list(Registration.ANSWERS)


def session_counts():
    """[(session, confirmed, waiting, cancelled)] for every session taking registrations."""
    counted = {
        "confirmed": Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
        "waiting": Count("registrations", filter=Q(registrations__status=Status.WAITING)),
        "cancelled": Count("registrations", filter=Q(registrations__status=Status.CANCELLED)),
    }
    sessions = (
        SessionPage.objects.filter(Q(registration_enabled=True) | Q(registrations__isnull=False))
        .distinct()
        .select_related("locale")
        .order_by("translation_key", "pk")
    )
    # Registrations belong to the source page of each session: one row per session.
    seen, rows = set(), []
    for session in sessions.annotate(**counted):
        if session.translation_key not in seen:
            seen.add(session.translation_key)
            rows.append(session)
    return sorted(rows, key=lambda s: (s.starts_at is None, s.starts_at or 0, s.pk))


class CountsView(AdminPage):
    template_name = "event_sessions/admin/registration_counts.html"
    page_title = _("Registration counts")
    header_icon = "form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sessions"] = session_counts()
        return context


def admin_urls():
    return [
        path(
            "registration-counts/",
            CountsView.as_view(),
            name="event_sessions_registration_counts",
        ),
        path(
            "dashboard/",
            dashboard.DashboardView.as_view(),
            name="event_sessions_dashboard",
        ),
    ]


def counts_menu_item():
    return MenuItem(
        _("Registration counts"),
        reverse("event_sessions_registration_counts"),
        icon_name="table",
        order=261,
    )


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(dashboard.PERMISSION)


def dashboard_menu_item():
    return DashboardMenuItem(
        _("Organisers' dashboard"),
        reverse("event_sessions_dashboard"),
        icon_name="table",
        order=262,
    )
