"""The Fairville labs: where the research and most case studies happen.

A lab is a translatable snippet. Its ``slug`` is a code shared by every language
(like a lever's code): it names the lab in filter links and lab URLs, so that a
link copied from the French library still works on the English one.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


class Lab(TranslatableMixin, index.Indexed, ClusterableModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_("A short identifier shared by every language, used in links (e.g. marseille)."),
    )
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    description = RichTextField(_("description"), features=["bold", "italic", "link"], blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, validators=LONGITUDE
    )
    website = models.URLField(_("website"), blank=True)

    override_translatable_fields = [SynchronizedField("slug")]

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Coordinates"),
            help_text=_(
                "In decimal degrees, as shown by any map service (e.g. 43.29695, 5.38107)."
            ),
        ),
        FieldPanel("website"),
        InlinePanel("partners", label=_("Partner organisations")),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("city", boost=1.5),
        index.SearchField("description"),
        index.RelatedFields("partners", [index.SearchField("name")]),
        index.FilterField("locale_id"),
        index.FilterField("slug"),
        index.FilterField("country"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("lab")
        verbose_name_plural = _("labs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_lab_code_per_locale")
        ]

    def __str__(self):
        return self.name


class LabPartner(TranslatableMixin, Orderable):
    """A partner organisation of a lab: a name and, if it has one, its website."""

    lab = ParentalKey(Lab, related_name="partners", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("website")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.locale_id:
            self.locale_id = self.lab.locale_id
        super().save(*args, **kwargs)
