import math

from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

# The key of a page's template context that holds its ``Changes``.
PAGE_CHANGES = "page_changes"


class Changes:
    """The earliest moment from which the page being rendered will read differently.

    A session going live or ending changes its page, its series and the home page
    without anything being saved, so no signal can forget their cached copies. Each
    page's context holds one (``BasePage.get_context``); ``BasePage.serve`` caps the
    answer's ``Cache-Control: max-age`` so that no cache (cms.pagecache, a browser)
    keeps it past that moment.
    """

    def __init__(self):
        self.earliest = None

    def note(self, moment):
        if moment is not None and (self.earliest is None or moment < self.earliest):
            self.earliest = moment


def changes_at(context, moment):
    """Note in a page's template context that the page reads differently from ``moment`` on."""
    changes = context.get(PAGE_CHANGES) if context is not None else None
    if changes is not None:
        changes.note(moment)


def _cap_lifetime(response):
    from cms.pagecache import lifetime

    changes = (getattr(response, "context_data", None) or {}).get(PAGE_CHANGES)
    moment = changes.earliest if changes is not None else None
    if moment is None:
        return
    seconds = math.ceil((moment - timezone.now()).total_seconds())
    # Only when the change comes before the page cache would forget the page anyway:
    # a far-off change must not let browsers keep the page for weeks.
    if seconds < lifetime():
        patch_cache_control(response, max_age=max(0, seconds))


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context[PAGE_CHANGES] = Changes()
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # After rendering: the templates (page sections) note changes too.
        if hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(_cap_lifetime)
        return response

    def get_meta_description(self):
        return self.search_description or self.social_text
