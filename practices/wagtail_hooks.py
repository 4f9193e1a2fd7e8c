from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.demo import DEMO_HOOK
from cms.exports import SafeExportSnippetIndexView
from cms.models.pages import PAGE_SECTIONS_HOOK

from .models import CaseStudyTag, Lab, Submission
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


class LibraryGroup(SnippetViewSetGroup):
    items = (LabViewSet, TagViewSet, SubmissionViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Case studies")
    menu_name = "case-studies"
    menu_order = 255  # after People (250)


register_snippet(LibraryGroup)


@hooks.register(DEMO_HOOK, order=20)
def load_demo(loader):
    from .demo import load

    load(loader)


hooks.register(PAGE_SECTIONS_HOOK, home_section)
hooks.register(PAGE_SECTIONS_HOOK, session_section)


@hooks.register("fairville_api_endpoints")
def api_endpoints():
    from .api import CaseStudiesAPIViewSet

    return [("case-studies", CaseStudiesAPIViewSet)]
