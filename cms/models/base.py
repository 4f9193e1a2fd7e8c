from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """What every page of the site shares: social sharing fields and search settings.

    Translatable fields are not listed here: wagtail-localize derives them from each
    concrete model, so a field added later is never silently left out.
    """

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared. 1200×630 pixels works best."),
    )
    social_text = models.CharField(
        _("social text"),
        max_length=255,
        blank=True,
        help_text=_("Shown when the page is shared. Defaults to the search description."),
    )

    search_fields = Page.search_fields + [
        index.FilterField("locale_id"),
    ]

    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("social_image"), FieldPanel("social_text")],
            heading=_("Social sharing"),
        ),
    ]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.social_text
