from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.blocks import BaseStreamBlock

from .base import BasePage, changes_at

PAGE_SECTIONS_HOOK = "fairville_page_sections"


@dataclass
class PageSection:
    """A block that one app adds to another app's page, through a Wagtail hook.

    Apps register ``@hooks.register("fairville_page_sections")`` with a function
    ``(request, page, context) -> PageSection | None`` (``context``: the page's template
    context, to read, e.g. a bound form a view put there); it decides from the page (its
    type, its relations) whether it has something to add. Templates render the sections
    with ``{% page_sections page %}``. So the home page shows the next session and
    a session page its case studies, without cms or sessions importing anyone.
    """

    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    # When the section will read differently without anything being saved (the next
    # session starting): the page is not cached past it. See ``changes_at``.
    changes_at: datetime | None = None


def page_sections(request, page, context):
    """The sections for ``page``, in order; ``context`` is the page's template context."""
    sections = (section(request, page, context) for section in hooks.get_hooks(PAGE_SECTIONS_HOOK))
    sections = sorted(filter(None, sections), key=lambda section: section.order)
    for section in sections:
        changes_at(context, section.changes_at)
    return sections


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
