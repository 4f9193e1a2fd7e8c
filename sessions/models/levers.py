from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin


class SessionLever(TranslatableMixin, Orderable):
    """A lever (or entry point) of co-production that a session explores.

    ``cms.Lever`` is shared with the case-study library: a lever's sessions are its
    ``session_lever_links`` (these rows), its case studies its
    ``case_study_lever_links`` (``practices.CaseStudyLever``).
    """

    page = ParentalKey(
        "event_sessions.SessionPage", related_name="lever_links", on_delete=models.CASCADE
    )
    lever = models.ForeignKey(
        "cms.Lever",
        verbose_name=_("lever or entry point"),
        on_delete=models.CASCADE,
        related_name="session_lever_links",
    )

    panels = [FieldPanel("lever")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("lever")
        verbose_name_plural = _("levers")

    def __str__(self):
        return str(self.lever)
