"""A panel on each side's editor (case study, recording) listing the case studies
discussed in the recording, with links to edit them and to add one with this side
filled in. The links are ``CaseStudyDiscussion`` snippets (see that model for why)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .models import CaseStudyDiscussion

URL_NAME = "wagtailsnippets_practices_casestudydiscussion"


class DiscussionsPanel(Panel):
    def __init__(self, side="case_study", **kwargs):
        super().__init__(**kwargs)
        self.side = side

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "side": self.side}

    class BoundPanel(Panel.BoundPanel):
        template_name = "practices/admin/discussions_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page, side = self.instance, self.panel.side
            rows = []
            if page.pk:
                rows = CaseStudyDiscussion.objects.filter(**{side: page}).select_related(
                    "case_study", "recording"
                )
            context["rows"] = [(row, reverse(f"{URL_NAME}:edit", args=[row.pk])) for row in rows]
            if page.pk:
                query = {side: page.pk, "locale": page.locale.language_code}
                context["add_url"] = f"{reverse(f'{URL_NAME}:add')}?{urlencode(query)}"
            context["side"] = side
            return context


def discussions_panel(side):
    heading = _("Discussed in recordings") if side == "case_study" else _("Case studies discussed")
    return DiscussionsPanel(side=side, heading=heading)
