from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    name = "sessions"
    # django.contrib.sessions already owns the label "sessions".
    label = "event_sessions"
    verbose_name = _("Sessions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .search_kinds import register_search_kinds

        register_search_kinds()

        from cms import pagecache

        from .models import (
            OpeningNotice,
            Registration,
            RegistrationRequest,
            RegistrationTally,
            SentReminder,
        )

        # A registration changes its session's page (places left, "full") in every
        # language, and nothing else; the other records show on no public page (a request
        # takes no place until confirmed: an anonymous flood of them forgets nothing).
        pagecache.scope(Registration, registration_pages)
        for model in (OpeningNotice, RegistrationRequest, RegistrationTally, SentReminder):
            pagecache.scope(model, lambda instance: ())


def registration_pages(registration):
    from .models import SessionPage

    session = SessionPage.objects.filter(pk=registration.session_id).first()
    return session.get_translations(inclusive=True) if session else ()
