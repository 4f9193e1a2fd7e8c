"""Main menu and footer: translatable snippets, one per locale, edited in the admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PreviewableMixin, TranslatableMixin


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
    def target_page(self):
        """The linked page in the reader's language (set in bulk by `localize_links`)."""
        if not self.link_page_id:
            return None
        if not hasattr(self, "_target_page"):
            self._target_page = self.link_page.localized
        return self._target_page

    @property
    def href(self):
        return self.target_page.url if self.link_page_id else self.link_url

    @property
    def text(self):
        if self.label:
            return self.label
        return self.target_page.title if self.link_page_id else self.link_url

    @property
    def text_language(self):
        """The language ``text`` is written in: the label's (this link's, as its menu's),
        the linked page's title's, or None for a bare address. A menu not yet translated
        shows its source's words, which the page must mark as such."""
        if self.label:
            return self.locale.language_code
        return self.target_page.locale.language_code if self.link_page_id else None

    @property
    def href_language(self):
        """The language of the page the link leads to (None for another site)."""
        return self.target_page.locale.language_code if self.link_page_id else None


def localize_links(links, locale):
    """Resolve every link's page in `locale` with one query instead of two per link.

    A page with no live translation in `locale` keeps the linked version, as
    `Page.localized` does.
    """
    links = list(links)
    keys = {link.link_page.translation_key for link in links if link.link_page_id}
    translated = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(translation_key__in=keys, locale=locale)
        .select_related("locale")
    }
    for link in links:
        if link.link_page_id:
            link._target_page = translated.get(link.link_page.translation_key, link.link_page)
    return links


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
