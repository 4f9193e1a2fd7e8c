"""The Dialogues and their series: the pages that list sessions."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.models import BasePage
from cms.models.base import changes_at

from .session import Phase, SessionPage


class DialoguesPage(BasePage):
    """The Dialogues as a whole: what they are, and their series (the Levers first)."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["event_sessions.SeriesPage", "event_sessions.RecordingsIndexPage"]

    class Meta:
        verbose_name = _("dialogues page")
        verbose_name_plural = _("dialogues pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["series_list"] = SeriesPage.objects.child_of(self).live().public()
        return context


class SeriesPage(BasePage):
    """A series of sessions, listed in order and split into upcoming and past."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
    ]
    parent_page_types = ["event_sessions.DialoguesPage", "cms.HomePage"]
    subpage_types = ["event_sessions.SessionPage"]

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def sessions(self):
        return SessionPage.objects.child_of(self).live().public().chronological()

    def split_sessions(self, now=None):
        """(upcoming, past), each in date order; both follow ``SessionPage.phase``."""
        now = now or timezone.now()
        upcoming, past = [], []
        for session in self.sessions():
            (past if session.phase(now) == Phase.PAST else upcoming).append(session)
        return upcoming, past

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["upcoming"], context["past"] = self.split_sessions(now)
        for session in (*context["upcoming"], *context["past"]):
            changes_at(context, session.next_change(now))
        if self.pk is not None:  # a new series' preview has no calendar yet
            url = reverse("event_sessions:series_calendar", kwargs={"pk": self.pk})
            context["calendar_url"] = url
            context["calendar_address"] = request.build_absolute_uri(url)
        return context
