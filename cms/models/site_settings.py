from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DOI_VALIDATOR = RegexValidator(
    r"^10\.\d{4,9}/\S+$",
    _("Enter the DOI itself, starting with 10. (e.g. 10.5281/zenodo.1234567)."),
)


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Site-wide facts. Page links are stored once and shown in the reader's language."""

    # Every citable page shows the default licence: read it with the settings.
    select_related = ["default_licence"]

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
    default_licence = models.ForeignKey(
        "cms.Licence",
        verbose_name=_("default licence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Applies to every case study, recording and transcript that names no other. "
            "Empty: CC BY 4.0."
        ),
    )
    doi = models.CharField(
        _("DOI of the open data"),
        max_length=200,
        blank=True,
        validators=[DOI_VALIDATOR],
        help_text=_(
            "Once a repository has issued a DOI for the library's data package (deposited "
            "with its DataCite record), e.g. 10.5281/zenodo.1234567. Every citation then "
            "gives it."
        ),
    )

    panels = [
        FieldPanel("privacy_page"),
        FieldPanel("contact_email"),
        FieldPanel("project_url"),
        FieldPanel("default_licence"),
        FieldPanel("doi"),
    ]

    class Meta:
        verbose_name = _("site settings")
