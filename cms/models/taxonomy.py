"""The levers of co-production: the taxonomy shared by sessions and case studies.

The Levers series has five levers, one per session, and session #1 opened three
entry points under the first. Sessions and case studies both point here, which is
how a case study finds the sessions on its lever and a session its case studies,
without either app importing the other.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class LeverQuerySet(models.QuerySet):
    def covering(self, codes):
        """The levers that a filter on these codes matches, in every language.

        The one home of the rule "a lever also matches its entry points": a filter on
        a lever's code takes the lever and each entry point under it; ``Lever.codes``
        is the same rule read from the other side.
        """
        return self.filter(Q(code__in=codes) | Q(parent__code__in=codes))


class Lever(TranslatableMixin, index.Indexed, models.Model):
    class Kind(models.TextChoices):
        LEVER = "lever", _("Lever")
        ENTRY_POINT = "entry_point", _("Entry point")

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_(
            "A short identifier shared by every language, used in filter links (e.g. financer)."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LEVER)
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("Order in the series."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("lever"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entry_points",
        help_text=_("For an entry point: the lever it belongs to."),
    )
    description = RichTextField(_("description"), features=["bold", "italic", "link"], blank=True)

    objects = LeverQuerySet.as_manager()

    # The code names the lever in URLs, so it must be the same in every language.
    override_translatable_fields = [SynchronizedField("code")]

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("number"),
        FieldPanel("parent"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("description"),
        index.FilterField("locale_id"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("lever")
        verbose_name_plural = _("levers")
        ordering = ["kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "code"], name="unique_lever_code_per_locale")
        ]

    def __str__(self):
        return self.name

    @property
    def codes(self):
        """The codes whose filter matches this lever: its own, and for an entry point its
        lever's too (see ``LeverQuerySet.covering``; needs ``parent`` selected to be cheap)."""
        if self.parent_id:
            return (self.code, self.parent.code)
        return (self.code,)

    def clean(self):
        super().clean()
        if self.kind == self.Kind.ENTRY_POINT and self.parent_id is None:
            raise ValidationError({"parent": _("An entry point belongs to a lever.")})
        if self.kind == self.Kind.LEVER and self.parent_id is not None:
            raise ValidationError({"parent": _("Only an entry point belongs to a lever.")})
