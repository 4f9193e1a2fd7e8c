from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.blocks import BaseStreamBlock

from .base import BasePage

HOME_SECTIONS_HOOK = "fairville_home_sections"


@dataclass
class HomeSection:
    """A block of the home page contributed by another app through a Wagtail hook.

    Apps register ``@hooks.register("fairville_home_sections")`` with a function
    ``(request, page) -> HomeSection | None``, so the home page shows their content
    without this app importing them.
    """

    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=255)
    hero_text = RichTextField(_("hero text"), features=["bold", "italic", "link"], blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("hero_title", boost=2),
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = [section(request, self) for section in hooks.get_hooks(HOME_SECTIONS_HOOK)]
        context["home_sections"] = sorted(filter(None, sections), key=lambda s: s.order)
        return context


class StandardPage(BasePage):
    """About pages, the privacy notice and any other page of running text."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
