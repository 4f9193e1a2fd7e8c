"""The recordings archive: every published recording, newest first, by series and language.

Filters are query parameters (``?series=levers-series&language=en``) read by a plain GET
form and links, so they work without JavaScript and every filtered list has an address.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F, Q, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.models import BasePage

from .recordings import RecordingPage
from .series import SeriesPage
from .session import SessionPage
from .transcripts import Transcript

PER_PAGE = 20


@dataclass
class Entry:
    recording: RecordingPage
    session: SessionPage | None
    series: SeriesPage | None


class RecordingsIndexPage(RoutablePageMixin, BasePage):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro", boost=1.5)]
    parent_page_types = ["event_sessions.DialoguesPage"]
    subpage_types = []
    template = "event_sessions/recordings_index_page.html"

    class Meta:
        verbose_name = _("recordings archive")
        verbose_name_plural = _("recordings archives")

    def series_choices(self):
        return list(
            SeriesPage.objects.live().public().filter(locale_id=self.locale_id).order_by("path")
        )

    @staticmethod
    def language_choices():
        return [(code, name) for code, name in settings.LANGUAGES]

    def recordings(self, series=None, language=None):
        recordings = RecordingPage.objects.live().public().filter(locale_id=self.locale_id)
        if series is not None:
            recordings = recordings.descendant_of(series)
        if language:
            transcribed = Transcript.objects.filter(language=language).values(
                "recording__translation_key"
            )
            recordings = recordings.filter(
                Q(videos__language=language) | Q(translation_key__in=transcribed)
            ).distinct()
        return recordings.order_by(F("recorded_at").desc(nulls_last=True), "-first_published_at")

    @path("export/transcripts/", name="export_transcripts")
    def export_transcripts_route(self, request):
        from sessions.datapackage import transcripts_download

        return transcripts_download(request, self)

    @path("feed/rss/", name="feed_rss")
    def feed_rss_route(self, request):
        from sessions.feeds import RecordingFeed

        return RecordingFeed(self, "rss")(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom_route(self, request):
        from sessions.feeds import RecordingFeed

        return RecordingFeed(self, "atom")(request)

    def feed_links(self):
        """(type, title, URL) of the archive's feeds, for ``includes/feed_links.html``."""
        title = _("New recordings")
        return [
            ("application/rss+xml", f"{title} (RSS)", self.url + self.reverse_subpage("feed_rss")),
            (
                "application/atom+xml",
                f"{title} (Atom)",
                self.url + self.reverse_subpage("feed_atom"),
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        series_list = self.series_choices()
        slug = request.GET.get("series", "")
        series = next((s for s in series_list if s.slug == slug), None)
        language = request.GET.get("language", "")
        if language not in dict(settings.LANGUAGES):
            language = ""
        paginator = Paginator(self.recordings(series, language), PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        context.update(
            series_list=series_list,
            selected_series=series,
            unknown_series=bool(slug) and series is None,
            language=language,
            languages=self.language_choices(),
            entries=self.entries(list(page.object_list), series_list),
            paginator_page=page,
            filter_query=_query(series, language),
        )
        return context

    @staticmethod
    def entries(recordings, series_list):
        """Each recording with its session and series, in two queries for the whole page."""
        steplen = Page.steplen
        parent_paths = {recording.path[:-steplen] for recording in recordings}
        sessions = {
            session.path: session for session in SessionPage.objects.filter(path__in=parent_paths)
        }
        series_by_path = {series.path: series for series in series_list}
        prefetch_related_objects(recordings, "speakers__person__organisation", "poster")
        entries = []
        for recording in recordings:
            session = sessions.get(recording.path[:-steplen])
            series = series_by_path.get(session.path[:-steplen]) if session else None
            entries.append(Entry(recording, session, series))
        return entries


def _query(series, language):
    params = {}
    if series is not None:
        params["series"] = series.slug
    if language:
        params["language"] = language
    return urlencode(params)
