"""Main menu and footer: translatable snippets, one per locale, edited in the admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PreviewableMixin, TranslatableMixin


class LinkFields(models.Model):
    """A link to a page of the site, or to another site, with an optional label."""

    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("external URL"), blank=True)
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("Defaults to the page's title.")
    )

    panels = [FieldPanel("link_page"), FieldPanel("link_url"), FieldPanel("label")]

    class Meta:
        abstract = True

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose either a page or an external URL."))
        if self.link_url and not self.label:
            raise ValidationError({"label": _("An external link needs a label.")})

    @property
    def href(self):
        if self.link_page_id:
            return self.link_page.localized.url
        return self.link_url

    @property
    def text(self):
        if self.label:
            return self.label
        return self.link_page.localized.title if self.link_page_id else self.link_url


class MainMenu(TranslatableMixin, PreviewableMixin, ClusterableModel):
    name = models.CharField(_("name"), max_length=100, default="Main menu")

    panels = [FieldPanel("name"), InlinePanel("items", label=_("Menu items"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "cms/previews/main_menu.html"


class MenuItem(TranslatableMixin, Orderable, LinkFields):
    menu = ParentalKey(MainMenu, related_name="items", on_delete=models.CASCADE)

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")


class Footer(TranslatableMixin, PreviewableMixin, ClusterableModel):
    text = RichTextField(_("text"), features=["bold", "italic", "link"], blank=True)

    panels = [FieldPanel("text"), InlinePanel("links", label=_("Footer links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return str(_("Footer"))

    def get_preview_template(self, request, mode_name):
        return "cms/previews/footer.html"


class FooterLink(TranslatableMixin, Orderable, LinkFields):
    footer = ParentalKey(Footer, related_name="links", on_delete=models.CASCADE)

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("footer link")
        verbose_name_plural = _("footer links")
