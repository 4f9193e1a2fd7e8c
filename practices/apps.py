from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Case studies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .search_kinds import register_search_kinds

        register_search_kinds()

        from .search_vocabulary import register_search_vocabulary

        register_search_vocabulary()

        from cms import pagecache

        from . import library_index
        from .models import LibraryVersion, Submission

        # A proposal shows on no public page (its page is created unpublished).
        pagecache.scope(Submission, lambda instance: ())

        # Both editors list the case studies discussed in recordings (the rows are
        # snippets of their own: see CaseStudyDiscussion). The recording's panel is added
        # from here because sessions never import practices.
        from sessions.models import RecordingPage

        from .admin_panels import discussions_panel
        from .models import CaseStudyPage

        for model, side in ((CaseStudyPage, "case_study"), (RecordingPage, "recording")):
            model.content_panels = [*model.content_panels, discussions_panel(side)]

        # The library index's token changes with what the pages show, which already
        # forgets them.
        pagecache.scope(LibraryVersion, lambda instance: ())
        library_index.connect()
