from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from cms.languages import own_name_choices

from .registration import Registration, Role


class RegistrationTally(models.Model):
    """Anonymous counts kept after the retention purge: who came, from where, needing what.

    One row per session, role, country, language of emails and final status. The purge
    adds each registration it deletes to these counts (``count``), and of them those who
    joined (``attended``), asked for interpretation and gave access needs, so reports
    survive the personal data. Rows from before the language was counted have none ("").
    """

    session = models.ForeignKey(
        "event_sessions.SessionPage",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="registration_tallies",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    country = CountryField(_("country"), blank=True)
    language = models.CharField(
        _("language of emails"), max_length=10, choices=own_name_choices, blank=True
    )
    status = models.CharField(_("status"), max_length=10, choices=Registration.Status.choices)
    count = models.PositiveIntegerField(_("count"), default=0)
    attended = models.PositiveIntegerField(_("attended"), default=0)
    interpretation = models.PositiveIntegerField(_("interpretation requests"), default=0)
    accessibility = models.PositiveIntegerField(_("access needs given"), default=0)

    class Meta:
        verbose_name = _("anonymous registration count")
        verbose_name_plural = _("anonymous registration counts")
        # The organisers' dashboard (sessions.registration.dashboard): counts only.
        permissions = [("view_dashboard", _("Can see the organisers' dashboard"))]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "role", "country", "language", "status"],
                name="one_tally_per_group_and_language",
            )
        ]

    def __str__(self):
        return f"{self.role} {self.country} {self.language} {self.status}: {self.count}"
