from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from cms.languages import own_name_choices


class OpeningNotice(models.Model):
    """Someone who asked to be told when registration for a session opens.

    Offered while a session's date is to be confirmed, or before registration opens.
    ``manage.py send_registration_emails`` writes to them once registration is open,
    and the retention purge removes them with the session's registrations.
    """

    session = models.ForeignKey(
        "event_sessions.SessionPage",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="opening_notices",
    )
    email = models.EmailField(_("email"), max_length=254)
    language = models.CharField(_("language of emails"), max_length=10, choices=own_name_choices)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    notified_at = models.DateTimeField(_("told"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration opening notice")
        verbose_name_plural = _("registration opening notices")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "session", name="one_opening_notice_per_email_and_session"
            ),
        ]

    def __str__(self):
        return self.email
