"""The registration counts shown on the session's edit page, to every editor."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class RegistrationCountsPanel(Panel):
    """Confirmed, waiting and cancelled registrations: counts, never names."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "event_sessions/admin/registration_counts_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            counts = {"confirmed": 0, "waiting": 0, "cancelled": 0}
            if page.pk:
                registrations = page.registration_home.registrations.values_list(
                    "status", flat=True
                )
                for status in registrations:
                    counts[status] += 1
            context.update(counts=counts, capacity=page.capacity)
            return context


def registration_counts_panel():
    return RegistrationCountsPanel(heading=_("Registrations so far"))
