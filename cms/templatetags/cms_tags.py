from django import template
from django.db.models import Prefetch
from django.utils.translation import get_language, get_language_info

from cms.i18n import active_locale, home_url, in_reader_language, language_links
from cms.models import Footer, FooterLink, MainMenu, MenuItem
from cms.models.navigation import localize_links
from cms.models.pages import page_sections as collect_sections

register = template.Library()


@register.filter
def text_dir(language_code):
    """'rtl' or 'ltr' for a passage in that language: French inside an Arabic page (or
    Arabic inside a French one) keeps its own direction, so its punctuation stays put."""
    try:
        return "rtl" if get_language_info(language_code)["bidi"] else "ltr"
    except KeyError:
        return "auto"


@register.simple_tag(takes_context=True)
def get_language_links(context):
    """Each language with the URL of this page's version in it."""
    request = context.get("request")
    page = context.get("page") or context.get("self")
    return language_links(request, page, context.get("route"))


def _for_locale(queryset):
    # One menu (or footer) a language; not translated yet: the source rather than nothing.
    return in_reader_language(queryset.order_by("id"), active_locale(), key=lambda _obj: 0).get(0)


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    items = MenuItem.objects.select_related("link_page").order_by("sort_order")
    menu = _for_locale(MainMenu.objects.prefetch_related(Prefetch("items", queryset=items)))
    entries = localize_links(menu.items.all(), active_locale()) if menu else []
    return {"menu": menu, "items": entries, "request": context.get("request")}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    links = FooterLink.objects.select_related("link_page").order_by("sort_order")
    footer = _for_locale(Footer.objects.prefetch_related(Prefetch("links", queryset=links)))
    entries = localize_links(footer.links.all(), active_locale()) if footer else []
    return {"footer": footer, "links": entries, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def localized_home_url(context):
    return home_url(get_language(), context.get("request"))


@register.inclusion_tag("includes/page_sections.html", takes_context=True)
def page_sections(context, page):
    """What other apps add to this page (see cms.models.pages.PageSection)."""
    request = context.get("request")
    sections = collect_sections(request, page, context)
    return {"sections": sections, "request": request, "page": page}
