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
            RegistrationAnswer,
            RegistrationRequest,
            RegistrationTally,
            SentReminder,
        )
        from .registration.service import may_turn_full

        # A registration changes its session's page in every language, and nothing else,
        # and only when it makes the session full or no longer full (the page shows no
        # count): the other sign-ups of a wave forget nothing. The other records show on
        # no public page (a request takes no place until confirmed: an anonymous flood of
        # them forgets nothing).
        pagecache.scope(Registration, registration_pages, visible=may_turn_full)
        private = (
            OpeningNotice,
            RegistrationAnswer,
            RegistrationRequest,
            RegistrationTally,
            SentReminder,
        )
        for model in private:
            pagecache.scope(model, lambda instance: ())


def registration_pages(registration):
    from .models import SessionPage

    session = SessionPage.objects.filter(pk=registration.session_id).first()
    return session.get_translations(inclusive=True) if session else ()
