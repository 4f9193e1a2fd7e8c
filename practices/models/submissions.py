"""Who proposed a case study through the public form.

The proposal itself is a draft CaseStudyPage in the moderation workflow; the person
who sent it is kept here, apart from the page, so their name and email can never be
published, translated or exported with it. Only editors with the permission see it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    page = models.ForeignKey(
        "practices.CaseStudyPage",
        verbose_name=_("proposed case study"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10)
    consent_at = models.DateTimeField(_("consent given at"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case-study proposal")
        verbose_name_plural = _("case-study proposals")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
