"""The people who speak at or moderate sessions, and the organisations they belong to.

The seed's people are real: record only what they or the programme state (name,
organisation, city, country). A city the programme does not give stays empty.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """One row per organisation, so that a university is written the same way everywhere."""

    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_("As the organisation writes it in this language."),
    )
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Person(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    city = models.CharField(
        _("city"),
        max_length=100,
        blank=True,
        help_text=_("Only if the person or the programme gives it."),
    )
    country = CountryField(_("country"), blank=True)
    bio = models.TextField(
        _("short biography"),
        max_length=800,
        blank=True,
        help_text=_("A few sentences, approved by the person."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only with the person's consent."),
    )

    # A name is the same in every language; syncing it keeps the translations in step
    # when it is corrected, and a translator cannot change it. The city is translated
    # (Londres / London); the country is a code that each language names for itself.
    override_translatable_fields = [
        SynchronizedField("name", overridable=False),
        SynchronizedField("country", overridable=False),
    ]

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("city"),
        FieldPanel("country"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def affiliation(self):
        """Organisation, city and country, as far as they are known, in the active language."""
        parts = [self.organisation.name if self.organisation_id else "", self.city]
        if self.country:
            parts.append(str(self.country.name))
        return ", ".join(part for part in parts if part)
