"""A case study of co-production, and what it links to: levers, sessions, tags."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.blocks import BaseStreamBlock, CaptionedImageBlock, LinkBlock
from cms.citable import CitablePageMixin
from cms.models import BasePage, LicensedMixin

from .labs import LATITUDE, LONGITUDE, Lab
from .tags import LocalizedTagManager, TaggedCaseStudy

FIRST_YEAR = 1900  # the earliest year a case study may start or end
YEARS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]
LIST_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class DocumentResourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    document = DocumentChooserBlock(label=_("Document"))

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "practices/blocks/document_resource.html"
        description = _("A report, a toolkit or minutes, uploaded to the site.")


class ResourcesBlock(blocks.StreamBlock):
    link = LinkBlock()
    document = DocumentResourceBlock()


class CaseStudyPage(CitablePageMixin, LicensedMixin, BasePage):
    reference = models.CharField(
        _("reference"),
        max_length=64,
        blank=True,
        help_text=_(
            "A stable identifier shared by every language, used by imports "
            "(e.g. FV-MRS-2024-01). Leave empty for case studies written here."
        ),
    )
    lab = models.ForeignKey(
        Lab,
        verbose_name=_("lab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        help_text=_("The Fairville lab this case study comes from, if any."),
    )
    lab_is_author = models.BooleanField(
        _("written by the lab"),
        default=True,
        help_text=_(
            "Cite the lab as the case study's author. Untick when someone else wrote it (a "
            "proposal from outside the lab, an example): the Fairville project is cited."
        ),
    )
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("A neighbourhood, a street or a building, if it helps to locate the case."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True, validators=LONGITUDE
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=YEARS)
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=YEARS
    )
    ongoing = models.BooleanField(_("ongoing"), default=False)

    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences, shown in the library listing.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("the story"), blank=True)
    actors = RichTextField(
        _("actors involved"),
        features=LIST_FEATURES,
        blank=True,
        help_text=_("Collectives, organisations and institutions, and the part each played."),
    )
    outcomes = RichTextField(_("outcomes"), features=LIST_FEATURES, blank=True)
    lessons = RichTextField(_("lessons"), features=LIST_FEATURES, blank=True)
    resources = StreamField(ResourcesBlock(), verbose_name=_("resources"), blank=True)
    images = StreamField([("image", CaptionedImageBlock())], verbose_name=_("images"), blank=True)

    tags = LocalizedTagManager(
        through=TaggedCaseStudy,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Themes, in the page's language. Translate new tags in Snippets › Tags."),
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown on the home page.")
    )

    # The reference names the case study in every language, for imports and open data.
    # The licence is the same for every language version: it is what the authors agreed to.
    override_translatable_fields = [
        SynchronizedField("reference"),
        SynchronizedField("licence", overridable=False),
        # Who wrote it does not change with the language.
        SynchronizedField("lab_is_author", overridable=False),
    ]

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("lab"),
                FieldPanel("lab_is_author"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("start_year"), FieldPanel("end_year"), FieldPanel("ongoing")]
                )
            ],
            heading=_("When"),
        ),
        FieldPanel("body"),
        FieldPanel("actors"),
        FieldPanel("outcomes"),
        FieldPanel("lessons"),
        FieldPanel("resources"),
        FieldPanel("images"),
        MultiFieldPanel(
            [
                FieldPanel("tags"),
                InlinePanel("lever_links", label=_("Levers")),
                InlinePanel("session_links", label=_("Related sessions")),
            ],
            heading=_("Links"),
        ),
    ]
    settings_panels = BasePage.settings_panels + [
        FieldPanel("reference"),
        FieldPanel("featured"),
        FieldPanel(
            "licence", help_text=_("Leave empty for the site's default licence (site settings).")
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.SearchField("actors"),
        index.SearchField("outcomes"),
        index.SearchField("lessons"),
        index.SearchField("city", boost=1.5),
        index.SearchField("place"),
        index.AutocompleteField("city"),
        # Its country, and its lab's, tags' and levers' names in its language (weighed
        # lightly, as labels): practices/search_kinds.py.
        index.FilterField("lab"),
        index.FilterField("country"),
        index.FilterField("start_year"),
        index.FilterField("end_year"),
        index.FilterField("ongoing"),
        index.FilterField("featured"),
        index.FilterField("reference"),
    ]

    # What the public API shows, besides title, slug, locale and URLs (see cms/api.py).
    # An allow-list: a field missing here stays out of the API.
    api_fields = [
        APIField("reference"),
        APIField("summary"),
        APIField("api_lab"),
        APIField("city"),
        APIField("country"),
        APIField("place"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("start_year"),
        APIField("end_year"),
        APIField("ongoing"),
        APIField("body"),
        APIField("actors"),
        APIField("outcomes"),
        APIField("lessons"),
        APIField("api_tags"),
        APIField("api_licence"),
    ]

    parent_page_types = ["practices.LibraryPage"]
    subpage_types = []
    template = "practices/case_study_page.html"

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        indexes = [models.Index(fields=["reference"], name="case_study_reference")]

    # A page's place in the tree: set when it is added under its library, not by its author.
    PLACE_FIELDS = ("path", "depth", "numchild", "url_path", "slug", "draft_title", "locale")

    def clean_new(self, exclude=()):
        """Check a case study not yet in the page tree against every rule the admin applies
        on saving (field validators and ``clean``), leaving out ``exclude``.

        The proposal form and the importer call this before they create a page, so the
        three agree, with the model's messages in the active language.
        """
        self.full_clean(
            exclude=[*self.PLACE_FIELDS, *exclude],
            validate_unique=False,
            validate_constraints=False,
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.end_year and self.start_year and self.end_year < self.start_year:
            errors["end_year"] = _("The end year cannot be before the start year.")
        if self.ongoing and self.end_year:
            errors["ongoing"] = _("An ongoing case study has no end year.")
        if self.start_year and self.start_year > datetime.date.today().year:
            errors["start_year"] = _("The start year cannot be in the future.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both the latitude and the longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    @property
    def period(self):
        return format_period(self.start_year, self.end_year, self.ongoing)

    @property
    def api_lab(self):
        return self.lab.name if self.lab else ""

    @property
    def api_tags(self):
        from practices.vocabulary import localized_tags

        return sorted(tag.name for tag in localized_tags(self.tags.all(), self.locale).values())

    @property
    def api_licence(self):
        from cms.licences import licence_for

        return licence_for(self).as_dict()

    @property
    def located(self):
        return self.latitude is not None and self.longitude is not None

    def citation(self, request):
        from practices.citations import case_study_citation

        return case_study_citation(self, request)

    def get_context(self, request, *args, **kwargs):
        from practices.detail import case_study_parts

        context = super().get_context(request, *args, **kwargs)
        context["case_study"] = case_study_parts(self, request, context)
        return context


def format_period(start, end, ongoing):
    if ongoing:
        return _("since %(start)s (ongoing)") % {"start": start}
    if end and end != start:
        return f"{start}–{end}"
    return str(start)


class CaseStudyLever(TranslatableMixin, Orderable):
    """A lever (or entry point) the case study illustrates; translated with the page."""

    page = ParentalKey(CaseStudyPage, related_name="lever_links", on_delete=models.CASCADE)
    lever = models.ForeignKey(
        "cms.Lever",
        verbose_name=_("lever"),
        on_delete=models.CASCADE,
        related_name="case_study_lever_links",
    )

    panels = [FieldPanel("lever")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("lever")
        verbose_name_plural = _("levers")

    def save(self, *args, **kwargs):
        if not self.locale_id:
            self.locale_id = self.page.locale_id
        super().save(*args, **kwargs)


class CaseStudySession(Orderable):
    """A session of the Dialogues where this case study was presented or discussed.

    The session is a page, so wagtail-localize copies the link as it is onto the
    translation and the case study page shows the session in its reader's language.
    A case study's ``session_links`` are these rows, a session's ``case_study_links``
    too. Practices depends on sessions (never the reverse): the key names the model by
    string only because the models of both apps load side by side.
    """

    page = ParentalKey(CaseStudyPage, related_name="session_links", on_delete=models.CASCADE)
    session = models.ForeignKey(
        "event_sessions.SessionPage",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="case_study_links",
    )

    panels = [FieldPanel("session")]

    class Meta(Orderable.Meta):
        verbose_name = _("related session")
        verbose_name_plural = _("related sessions")
