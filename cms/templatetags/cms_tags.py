from dataclasses import dataclass

from django import template
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.rich_text import expand_db_html

from cms.fragments import shared, shared_html
from cms.i18n import active_locale, home_url, in_reader_language, language_links, routed_links
from cms.models import Footer, FooterLink, MainMenu, MenuItem, SiteSettings
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


def _language_attributes(text_language, href_language=None):
    current = get_language()
    attributes = ""
    if href_language and href_language != current:
        attributes += format_html(' hreflang="{}"', href_language)
    if text_language and text_language != current:
        attributes += format_html(' lang="{}" dir="{}"', text_language, text_dir(text_language))
    return mark_safe(attributes)  # noqa: S308 - built by format_html


@register.simple_tag
def link_languages(link):
    """Inside an ``<a>``: ``hreflang``, ``lang`` and ``dir`` for what of a menu or footer
    link is not in the reader's language (a menu not yet translated shows its source's
    words; a page not yet translated is linked in its own language)."""
    return _language_attributes(
        getattr(link, "text_language", None), getattr(link, "href_language", None)
    )


@register.simple_tag
def text_languages(language):
    """``lang`` and ``dir`` for a passage in ``language``, where it is not the reader's."""
    return _language_attributes(language)


@register.simple_tag(takes_context=True)
def get_language_links(context):
    """Each language with the URL of this page's version in it."""
    request = context.get("request")
    page = context.get("page") or context.get("self")
    route = context.get("route")
    if not getattr(page, "pk", None) or getattr(page, "is_preview", False):
        # A page being previewed is not the live one.
        links = language_links(request, page)
    else:
        links = shared(
            "language-links", lambda: language_links(request, page), page.pk, _host(request)
        )
    # A route under the page carries the reader's place in it (a lab, the filters).
    return links if route is None else routed_links(request, page, links, route)


def _for_locale(queryset):
    # One menu (or footer) a language; not translated yet: the source rather than nothing.
    return in_reader_language(queryset.order_by("id"), active_locale(), key=lambda _obj: 0).get(0)


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    # The languages of the text and of the page it leads to (see LinkFields), which the
    # template marks where they are not the reader's.
    text_language: str | None = None
    href_language: str | None = None


@dataclass(frozen=True)
class FooterText:
    text: str  # its links already expanded
    language: str | None = None


def _links(entries):
    return [
        Link(entry.href, entry.text, entry.text_language, entry.href_language) for entry in entries
    ]


# Joined, not queried: each link's language (its own, its page's) is read from these.
LINK_RELATED = ("locale", "link_page", "link_page__locale")


def _menu():
    items = MenuItem.objects.select_related(*LINK_RELATED).order_by("sort_order")
    menus = MainMenu.objects.select_related("locale")
    menu = _for_locale(menus.prefetch_related(Prefetch("items", queryset=items)))
    if menu is None:
        return None
    return _links(localize_links(menu.items.all(), active_locale()))


def _footer():
    links = FooterLink.objects.select_related(*LINK_RELATED).order_by("sort_order")
    footers = Footer.objects.select_related("locale")
    footer = _for_locale(footers.prefetch_related(Prefetch("links", queryset=links)))
    if footer is None:
        return None, []
    text = FooterText(
        expand_db_html(footer.text) if footer.text else "", footer.locale.language_code
    )
    return text, _links(localize_links(footer.links.all(), active_locale()))


def _host(request):
    # A page's URL is relative on its own site, absolute from another one.
    return request.get_host() if request else ""


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    items = shared("main-menu", _menu, _host(request))
    return {"menu": items is not None, "items": items or [], "request": request}


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer's HTML, kept whole: the same on every page of a language and host."""
    request = context.get("request")

    def build():
        footer, links = _footer()
        # The address the privacy notice's "write to the Dialogues team" needs, on every page.
        contact = SiteSettings.for_request(request).contact_email if request else ""
        return render_to_string(
            "includes/footer.html",
            {"footer": footer, "links": links, "contact": contact, "request": request},
        )

    return shared_html("footer-html", build, _host(request))


@register.simple_tag(takes_context=True)
def localized_home_url(context):
    request = context.get("request")
    code = get_language()
    return shared("home-url", lambda: home_url(code, request), _host(request))


@register.inclusion_tag("includes/page_sections.html", takes_context=True)
def page_sections(context, page):
    """What other apps add to this page (see cms.models.pages.PageSection)."""
    request = context.get("request")
    sections = collect_sections(request, page, context)
    return {"sections": sections, "request": request, "page": page}


@register.tag("fragment")
def fragment(parser, token):
    """``{% fragment "name" part... [until=moment] [unless=condition] %}...{% endfragment %}``:
    the enclosed HTML, rendered once and kept under the content version (cms/fragments.py)
    for the reader's language, the host and the ``part``s.

    The parts must name everything the block shows besides content: the page's id, the
    state chosen by the address. Never put in it what differs between visitors: a form
    with its values, a CSRF token, a nonce, a registration count. ``until``: the moment the
    clock alone changes what it shows (a session going live). ``unless``: render it afresh
    when true (a form bound to what a visitor sent). A preview is never kept.
    """
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("fragment takes a name")
    options, parts = {}, []
    for bit in bits:
        name, _sep, value = bit.partition("=")
        if _sep and name in ("until", "unless"):
            options[name] = parser.compile_filter(value)
        else:
            parts.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parts, options.get("until"), options.get("unless"))


class FragmentNode(template.Node):
    def __init__(self, nodelist, parts, until, unless):
        self.nodelist, self.parts, self.until, self.unless = nodelist, parts, until, unless

    def render(self, context):
        request = context.get("request")
        if (
            request is None
            or getattr(request, "is_preview", False)
            or (self.unless is not None and self.unless.resolve(context))
        ):
            return self.nodelist.render(context)
        name, *parts = (part.resolve(context) for part in self.parts)
        moment = self.until.resolve(context) if self.until is not None else None

        def build():
            return str(self.nodelist.render(context))

        return shared_html(
            f"fragment:{name}",
            build,
            *parts,
            request.scheme,
            _host(request),
            until=(lambda _html: moment) if moment else None,
        )
