from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Case studies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .search_kinds import register_search_kinds

        register_search_kinds()

        from cms import pagecache

        from .models import Submission

        # A proposal shows on no public page (its page is created unpublished).
        pagecache.scope(Submission, lambda instance: ())
