from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from cms.demo import DEMO_HOOK
from cms.exports import SafeExportSnippetIndexView
from cms.models.pages import PAGE_SECTIONS_HOOK
from sessions.spans import RECORDING_SPANS_HOOK

from .models import CaseStudyDiscussion, CaseStudyTag, GlossaryTerm, Lab, Submission
from .sections import home_section, session_section


class LabViewSet(SnippetViewSet):
    model = Lab
    icon = "site"
    list_display = ["name", "city", "country", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "city"]


class TagViewSet(SnippetViewSet):
    model = CaseStudyTag
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class GlossaryViewSet(SnippetViewSet):
    """Words that mean the same across languages: the search translates queries with them."""

    model = GlossaryTerm
    icon = "doc-full"
    list_display = ["term", "alternatives", "locale"]
    list_filter = ["locale"]


class SubmissionViewSet(SnippetViewSet):
    """Who proposed what: personal data, readable only with the snippet's view permission."""

    model = Submission
    icon = "mail"
    list_display = ["title", "name", "email", "organisation", "language", "created_at"]
    list_filter = ["language"]
    list_export = ["title", "name", "email", "organisation", "language", "created_at"]
    index_view_class = SafeExportSnippetIndexView
    search_fields = ["title", "name", "email"]
    inspect_view_enabled = True


class DiscussionCreateView(CreateView):
    """Opened from a page's editor with that page filled in (?case_study= or ?recording=)."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        for field in ("case_study", "recording"):
            value = self.request.GET.get(field, "")
            if value.isdigit() and len(value) < 10:
                setattr(instance, f"{field}_id", int(value))
        return instance


class DiscussionViewSet(SnippetViewSet):
    model = CaseStudyDiscussion
    icon = "media"
    add_view_class = DiscussionCreateView
    list_display = ["case_study", "recording", "start", "end", "locale"]
    list_filter = ["locale"]


class LibraryGroup(SnippetViewSetGroup):
    items = (LabViewSet, TagViewSet, GlossaryViewSet, SubmissionViewSet, DiscussionViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Case studies")
    menu_name = "case-studies"
    menu_order = 255  # after People (250)


register_snippet(LibraryGroup)


@hooks.register(DEMO_HOOK, order=20)
def load_demo(loader):
    from .demo import load

    load(loader)


@hooks.register(DEMO_HOOK, order=91)
def load_arabic_demo(loader):
    from .demo_arabic import load

    load(loader)


hooks.register(PAGE_SECTIONS_HOOK, home_section)
hooks.register(PAGE_SECTIONS_HOOK, session_section)


@hooks.register("fairville_api_endpoints")
def api_endpoints():
    from .api import CaseStudiesAPIViewSet

    return [("case-studies", CaseStudiesAPIViewSet)]


@hooks.register(RECORDING_SPANS_HOOK)
def recording_spans(request, recording):
    from .discussions import recording_spans

    return recording_spans(request, recording)
