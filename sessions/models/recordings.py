"""The recording of a session: video versions, chapters, takeaways, documents, speakers.

A recording is a page, the child of its session. That makes each of the things around it
plain Wagtail: its own address (which search results and the archive link to, with a
time), drafts and publishing, translation with wagtail-localize (title, summary,
takeaways, chapter titles and document labels are translated; video sources, times and
the poster are synced), the page cache, the sitemap and view restrictions.

Transcripts are not page content: a two-hour transcript is a thousand timed segments,
which wagtail-localize would turn into a thousand strings to translate. They are rows of
their own (``sessions.models.transcripts``), one transcript per language, attached to the
recording in its source language and shown by every translation of it.
"""

from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms import languages
from cms.citable import CitablePageMixin
from cms.models import BasePage, LicensedMixin
from sessions.captions import format_clock
from sessions.video import parse_hosted_url

ORIGINAL = "original"


def version_choices():
    """A video's sound: as spoken, or interpreted into one of the site's languages."""
    interpretations = [
        (code, _("%(language)s interpretation") % {"language": languages.name(code)})
        for code in languages.codes()
    ]
    return [(ORIGINAL, _("Original (as spoken)")), *interpretations]


class RecordingPage(CitablePageMixin, LicensedMixin, BasePage):
    recorded_at = models.DateTimeField(
        _("recorded on"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the session's start."),
    )
    duration = models.DurationField(
        _("duration"), null=True, blank=True, help_text=_("Hours, minutes and seconds: 1:58:30.")
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown before the video plays, from this site: nothing is loaded from the "
            "video's host until the visitor clicks. A neutral image is used without one."
        ),
    )
    intro = RichTextField(
        _("summary"), features=["bold", "italic", "link"], blank=True, help_text=_("A few lines.")
    )
    takeaways = RichTextField(
        _("key takeaways"), features=["bold", "italic", "link", "ul", "ol"], blank=True
    )

    override_translatable_fields = [
        SynchronizedField("recorded_at", overridable=False),
        SynchronizedField("duration", overridable=False),
        SynchronizedField("poster"),
        SynchronizedField("licence", overridable=False),
    ]

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("recorded_at"),
                FieldPanel("duration"),
                FieldPanel("poster"),
                FieldPanel(
                    "licence",
                    help_text=_(
                        "Of the video and its transcripts (unless a transcript names its "
                        "own). Leave empty for the site's default licence (site settings)."
                    ),
                ),
            ],
            heading=_("Video"),
        ),
        InlinePanel(
            "videos",
            heading=_("Versions"),
            label=_("Version"),
            min_num=1,
            help_text=_(
                "One per language: the original sound, and each interpretation. "
                "Visitors get the one in their language first."
            ),
        ),
        FieldPanel("intro"),
        InlinePanel("chapters", heading=_("Chapters"), label=_("Chapter")),
        FieldPanel("takeaways"),
        InlinePanel("speakers", heading=_("Speakers"), label=_("Speaker")),
        InlinePanel("documents", heading=_("Slides and documents"), label=_("Document")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro", boost=1.5),
        index.SearchField("takeaways"),
        index.RelatedFields("chapters", [index.SearchField("title")]),
        # Speakers with their organisations and places: sessions/search_kinds.py.
        index.FilterField("recorded_at"),
    ]

    # The public API's allow-list (cms/api.py): a field not named here never shows.
    api_fields = [
        APIField("recorded_at"),
        APIField("duration_seconds"),
        APIField("intro"),
        APIField("takeaways"),
        APIField("api_session"),
        APIField("api_versions"),
        APIField("api_chapters"),
        APIField("api_speakers"),
        APIField("api_documents"),
        APIField("api_transcripts"),
        APIField("api_licence"),
    ]

    parent_page_types = ["event_sessions.SessionPage"]
    subpage_types = []
    template = "event_sessions/recording_page.html"

    class Meta:
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")

    def save(self, *args, **kwargs):
        if self.recorded_at is None and self.path:
            session = self.session
            if session is not None:
                self.recorded_at = session.starts_at
        return super().save(*args, **kwargs)

    @cached_property
    def session(self):
        from .session import SessionPage

        if not self.path:
            return None
        return SessionPage.objects.filter(path=self.path[: -self.steplen]).first()

    @property
    def duration_seconds(self):
        return int(self.duration.total_seconds()) if self.duration else None

    @property
    def duration_label(self):
        return format_clock(self.duration_seconds) if self.duration else ""

    @cached_property
    def video_list(self):
        return list(self.videos.select_related("file").order_by("sort_order"))

    @cached_property
    def chapter_list(self):
        return list(self.chapters.order_by("start", "sort_order"))

    @cached_property
    def speaker_list(self):
        return [
            link.person
            for link in self.speakers.select_related("person__organisation").order_by("sort_order")
        ]

    @cached_property
    def document_list(self):
        return list(self.documents.select_related("document").order_by("sort_order"))

    @property
    def languages(self):
        """Every language a visitor can watch or read it in (versions and transcripts)."""
        codes = [video.language for video in self.video_list]
        codes += [transcript.language for transcript in self.transcript_list]
        return list(dict.fromkeys(codes))

    @cached_property
    def transcript_list(self):
        from .transcripts import Transcript

        return list(
            Transcript.objects.filter(recording__translation_key=self.translation_key).order_by(
                "language"
            )
        )

    def transcript_for(self, language):
        return next((t for t in self.transcript_list if t.language == language), None)

    # -- the public API -----------------------------------------------------------

    @property
    def api_session(self):
        session = self.session
        if session is None:
            return None
        return {"id": session.pk, "number": session.number, "title": session.title}

    @property
    def api_versions(self):
        """Each version's language and its privacy-enhanced player or file address."""
        versions = []
        for video in self.video_list:
            hosted = video.hosted
            entry = {"language": video.language}
            if hosted:
                entry.update(provider=hosted.provider, embed_url=hosted.embed_url())
            else:
                entry.update(file_url=video.file.url, type=video.mime_type)
            versions.append(entry)
        return versions

    @property
    def api_chapters(self):
        return [{"start": chapter.seconds, "title": chapter.title} for chapter in self.chapter_list]

    @property
    def api_speakers(self):
        return [
            {"name": person.name, "organisation": person.organisation.name}
            if person.organisation_id
            else {"name": person.name, "organisation": ""}
            for person in self.speaker_list
        ]

    @property
    def api_documents(self):
        return [{"label": str(item), "url": item.document.url} for item in self.document_list]

    @property
    def api_licence(self):
        from cms.licences import licence_for

        return licence_for(self).as_dict()

    @property
    def api_transcripts(self):
        """Each transcript's language, licence and WebVTT address (the captions)."""
        from cms.licences import licence_for

        return [
            {
                "language": transcript.language,
                "webvtt_url": reverse(
                    "event_sessions:captions",
                    kwargs={"pk": self.pk, "language": transcript.language},
                ),
                "licence": licence_for(transcript, parent=self).as_dict(),
            }
            for transcript in self.transcript_list
        ]

    def citation(self, request):
        """The recording's; a moment's when the address names one (?moment=, from its
        "cite this moment" downloads)."""
        from sessions.citations import recording_citation
        from sessions.moments import moment_citation
        from sessions.playback import playback

        if request.GET.get("moment"):
            moment = playback(self, request)["moment"]
            if moment is not None:
                return moment_citation(self, request, moment)
        return recording_citation(self, request)

    def get_context(self, request, *args, **kwargs):
        from sessions.citations import recording_citation
        from sessions.moments import moment_citation
        from sessions.playback import playback

        context = super().get_context(request, *args, **kwargs)
        # Lazy: built only if the template's kept parts (fragments) are not.
        context["citation"] = SimpleLazyObject(lambda: recording_citation(self, request))
        context["playback"] = playback(self, request)
        moment = context["playback"]["moment"]
        if moment is not None:
            from cms.templatetags.citation_tags import FORMAT_NAMES

            context["moment_citation"] = moment_citation(self, request, moment)
            context["moment_downloads"] = [
                (name, f"{self.get_url(request)}cite/{fmt}/?moment={moment.id}")
                for fmt, name in FORMAT_NAMES.items()
            ]
        context["session"] = session = SimpleLazyObject(lambda: self.session)
        context["series"] = series = SimpleLazyObject(
            lambda: session.get_parent() if session else None
        )
        # Once: the template links to the session from every speaker.
        context["session_url"] = SimpleLazyObject(
            lambda: session.get_url(request) if session else ""
        )
        context["series_url"] = SimpleLazyObject(lambda: series.get_url(request) if series else "")
        return context


class RecordingVideo(Orderable):
    """One version of the video: the original sound, or an interpretation."""

    page = ParentalKey(RecordingPage, related_name="videos", on_delete=models.CASCADE)
    language = models.CharField(
        _("language"),
        max_length=20,
        choices=version_choices,
        default=ORIGINAL,
    )
    url = models.URLField(
        _("YouTube or Vimeo address"),
        blank=True,
        help_text=_("Shown with the privacy-enhanced player, after a click."),
    )
    file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("or a video file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("WebM or MP4, served by this site, with captions from the transcripts."),
    )

    panels = [FieldPanel("language"), FieldPanel("url"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("version")
        verbose_name_plural = _("versions")

    def __str__(self):
        return self.get_language_display()

    def clean(self):
        super().clean()
        if bool(self.url) == bool(self.file_id):
            raise ValidationError(_("Give either a YouTube or Vimeo address, or a video file."))
        if self.url:
            try:
                parse_hosted_url(self.url)
            except ValidationError as error:
                raise ValidationError({"url": error}) from None
        elif not self.file.filename.lower().endswith((".webm", ".mp4")):
            raise ValidationError({"file": _("The video file must be WebM or MP4.")})

    @property
    def hosted(self):
        return parse_hosted_url(self.url) if self.url else None

    @property
    def mime_type(self):
        return "video/mp4" if self.file and self.file.filename.endswith(".mp4") else "video/webm"


class RecordingChapter(TranslatableMixin, Orderable):
    page = ParentalKey(RecordingPage, related_name="chapters", on_delete=models.CASCADE)
    start = models.DurationField(_("starts at"), help_text=_("Into the video: 12:30 or 1:02:05."))
    title = models.CharField(_("title"), max_length=255)

    panels = [FieldPanel("start"), FieldPanel("title")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def __str__(self):
        return f"{self.clock} {self.title}"

    @property
    def seconds(self):
        return int(self.start.total_seconds())

    @property
    def clock(self):
        return format_clock(self.seconds)


class RecordingSpeaker(TranslatableMixin, Orderable):
    """Someone who speaks in the recording: translatable so each language links its Person."""

    page = ParentalKey(RecordingPage, related_name="speakers", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "event_sessions.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="recordings",
    )

    panels = [FieldPanel("person")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return str(self.person)


class RecordingDocument(TranslatableMixin, Orderable):
    page = ParentalKey(RecordingPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    label = models.CharField(
        _("label"),
        max_length=255,
        blank=True,
        help_text=_("What it is, in this language. The document's title by default."),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.label or self.document.title
