from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .registration import Registration, Role


class RegistrationTally(models.Model):
    """Anonymous counts kept after the retention purge: who came, by role and country.

    One row per session, role, country and final status. The purge adds each
    registration it deletes to these counts, so reports survive the personal data.
    """

    session = models.ForeignKey(
        "event_sessions.SessionPage",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="registration_tallies",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    country = CountryField(_("country"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Registration.Status.choices)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("anonymous registration count")
        verbose_name_plural = _("anonymous registration counts")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "role", "country", "status"], name="one_tally_per_group"
            )
        ]

    def __str__(self):
        return f"{self.role} {self.country} {self.status}: {self.count}"
