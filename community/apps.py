from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    label = "community"
    verbose_name = _("Subscriptions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import pagecache

        from . import signals
        from .models import Follow, LabChange, Subscriber, SubscriptionRequest, Unsubscription

        # Subscriptions show on no public page: a flood of requests forgets no cached page.
        for model in (Follow, LabChange, Subscriber, SubscriptionRequest, Unsubscription):
            pagecache.scope(model, lambda instance: ())
        signals.connect()
