from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin


class SessionContributor(TranslatableMixin, Orderable):
    """A person's part in one session, in the order the programme lists them.

    Translatable so that wagtail-localize points the English session at the English
    Person and role (translate those first), instead of copying the French ones.
    """

    page = ParentalKey(
        "event_sessions.SessionPage", related_name="contributors", on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        "event_sessions.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    role = models.ForeignKey(
        "event_sessions.ContributorRole",
        verbose_name=_("role"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")

    def __str__(self):
        return f"{self.person} ({self.role})"
