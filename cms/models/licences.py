"""Licences: what others may do with the site's case studies, recordings and transcripts.

A licence is a small snippet (name, address, SPDX identifier), not translatable: its
name is a proper name, the same in every language. The site settings choose the
default (Creative Commons Attribution 4.0 unless the editors choose otherwise); a case
study, a recording or a transcript may name another. ``cms.licences.licence_for``
resolves which one applies.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

# The usual Creative Commons licences, shipped by a migration and the demo.
CREATIVE_COMMONS = [
    ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"),
    ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/", "CC-BY-SA-4.0"),
    ("CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/", "CC-BY-NC-4.0"),
    ("CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/", "CC-BY-NC-SA-4.0"),
    ("CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/", "CC-BY-ND-4.0"),
    ("CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/", "CC-BY-NC-ND-4.0"),
    ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
]
DEFAULT_SPDX = "CC-BY-4.0"


class Licence(models.Model):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The licence's short name, e.g. CC BY 4.0.")
    )
    url = models.URLField(_("address"), help_text=_("Where the licence's text is published."))
    spdx_id = models.CharField(
        _("SPDX identifier"),
        max_length=64,
        unique=True,
        help_text=_("From the SPDX licence list, e.g. CC-BY-4.0."),
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("spdx_id")]

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def as_dict(self):
        return {"name": self.name, "url": self.url, "spdx_id": self.spdx_id}

    @classmethod
    def creative_commons(cls):
        """Create the usual Creative Commons licences that are missing (idempotent)."""
        for name, url, spdx_id in CREATIVE_COMMONS:
            cls.objects.get_or_create(spdx_id=spdx_id, defaults={"name": name, "url": url})

    @classmethod
    def fallback(cls):
        """CC BY 4.0: the saved one, else an unsaved copy (a site with no licence rows)."""
        found = cls.objects.filter(spdx_id=DEFAULT_SPDX).first()
        if found is None:
            name, url, spdx_id = next(
                entry for entry in CREATIVE_COMMONS if entry[2] == DEFAULT_SPDX
            )
            found = cls(name=name, url=url, spdx_id=spdx_id)
        return found


class LicensedMixin(models.Model):
    """A licence of its own (case studies, recordings, transcripts), or none for the one
    that applies otherwise (``cms.licences.licence_for``).

    What "none" means differs by model (the site's default, the recording's licence),
    so each model says so in its edit panel's help text.
    """

    licence = models.ForeignKey(
        "cms.Licence",
        verbose_name=_("licence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True
