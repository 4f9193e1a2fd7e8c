from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


class ContributorRole(TranslatableMixin, models.Model):
    """What a person does in a session: contribution and comment, moderation...

    A snippet rather than fixed choices, so that editors can add a role (a keynote,
    a respondent) and name it in each language. A session page lists its
    contributors under the name of each role, in order of first appearance.
    """

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("Shown as a heading above the people in this role, e.g. Moderation."),
    )

    panels = [FieldPanel("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contributor role")
        verbose_name_plural = _("contributor roles")
        ordering = ["name"]

    def __str__(self):
        return self.name
