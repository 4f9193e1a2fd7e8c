from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Site-wide facts. Page links are stored once and shown in the reader's language."""

    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every form that collects personal data."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    project_url = models.URLField(_("project website"), default="https://www.fairville-eu.org")

    panels = [FieldPanel("privacy_page"), FieldPanel("contact_email"), FieldPanel("project_url")]

    class Meta:
        verbose_name = _("site settings")
