"""The glossary: terms that mean the same across languages, kept by editors.

Tags, labs and levers already pair their French and English names (they share a
``translation_key``); the glossary adds the words the site uses without a tag for them
(*habitant·e·s* = *residents*, *bailleur social* = *social landlord*). An entry is a
translatable snippet: the French term, then its English translation through the admin's
*Translate* action, like a tag. The search's "include other languages" translates a
query's known terms through them (``search.vocabulary``), and the vocabulary is
published as SKOS.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


class GlossaryTerm(TranslatableMixin, models.Model):
    term = models.CharField(_("term"), max_length=100)
    alternatives = models.CharField(
        _("other forms"),
        max_length=255,
        blank=True,
        help_text=_("Other ways of writing the term, separated by commas (e.g. habitants)."),
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("What the term means here, if it needs saying (published with the term)."),
    )

    panels = [FieldPanel("term"), FieldPanel("alternatives"), FieldPanel("note")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "term"], name="unique_glossary_term_per_locale"
            )
        ]

    def __str__(self):
        return self.term

    @property
    def labels(self):
        """The term, then its other forms."""
        others = [form.strip() for form in self.alternatives.split(",")]
        return [self.term, *(form for form in others if form and form != self.term)]
