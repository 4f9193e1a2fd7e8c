from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.demo import DEMO_HOOK
from cms.documents import redirect_to_bucket, serve_range
from cms.models import Footer, Lever, Licence, MainMenu

# After Wagtail's own hooks (order 0), which refuse a private collection's documents.
hooks.register("before_serve_document", serve_range, order=100)
hooks.register("before_serve_document", redirect_to_bucket, order=110)


# After every app's demo (the menu is complete, the levers exist): the Arabic versions,
# when Arabic is configured.
@hooks.register(DEMO_HOOK, order=90)
def load_arabic_demo(loader):
    from cms.demo_arabic import load

    load(loader)


class MainMenuViewSet(SnippetViewSet):
    model = MainMenu
    icon = "list-ul"
    list_display = ["name", "locale"]


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "doc-full"
    list_display = ["__str__", "locale"]


class NavigationGroup(SnippetViewSetGroup):
    items = (MainMenuViewSet, FooterViewSet)
    menu_icon = "site"
    menu_label = _("Navigation")
    menu_name = "navigation"


register_snippet(NavigationGroup)


class LeverViewSet(SnippetViewSet):
    model = Lever
    icon = "tag"
    menu_label = _("Levers")
    menu_order = 290  # before Wagtail's Images (300)
    add_to_admin_menu = True
    list_display = ["name", "kind", "number", "parent", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name"]


register_snippet(LeverViewSet)


class LicenceViewSet(SnippetViewSet):
    model = Licence
    icon = "doc-full-inverse"
    menu_label = _("Licences")
    list_display = ["name", "spdx_id", "url"]
    search_fields = ["name", "spdx_id"]


register_snippet(LicenceViewSet)
