"""Admin pages of the project's own, outside Wagtail's generic views."""

from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    """An admin page whose header names it: Wagtail's header shows the breadcrumbs, and
    the mixin's own end at "Home", so without its title every such page was headed "Home"
    (the title was in a hidden ``h1`` only)."""

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]
