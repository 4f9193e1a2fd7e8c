"""The library's template tags.

The facet options, the tag cloud and the map's markers are written here rather than by
template loops: a filtered library shows fifty to a hundred of them, several values
each, and the template engine's loops over them were a third of an uncached render. The
HTML is what the loops wrote, with the same escaping.
"""

from urllib.parse import quote

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from cms.templatetags.cms_tags import text_dir

register = template.Library()


@register.filter
def routed(library_page, name):
    """The URL of one of the library's sub-routes, in the page's language."""
    return library_page.route_url(name)


@register.simple_tag
def remove_filter(filters, facet, value=None):
    return filters.without(facet, value)


@register.simple_tag
def page_link(filters, number):
    """The query string of another page of the same results."""
    return filters.querystring(page=number if number != 1 else None) or "?"


def _lang(code):
    """`` lang="…" dir="…"`` for a label not in the reader's language, else nothing."""
    return format_html(' lang="{}" dir="{}"', code, text_dir(code)) if code else ""


@register.simple_tag
def facet_options(facet):
    """The ``<li>`` of each option of one facet of the library's form."""
    name = conditional_escape(facet.name)
    items = []
    for option in facet.options:
        checked = " checked" if option.selected else ""
        value, label = conditional_escape(option.value), conditional_escape(option.label)
        items.append(
            f'\n          <li><label class="facet__option"><input type="checkbox" name="{name}"'
            f' value="{value}"{checked}> <span{_lang(option.lang)}>{label}</span>'
            f' <span class="facet__count">({localize(option.count)})</span></label></li>\n'
            "          "
        )
    return mark_safe("".join(items))  # noqa: S308 - each value escaped


@register.simple_tag
def tag_cloud_items(tags, url):
    """The ``<li>`` of each tag of the tag cloud, each a link to ``url`` filtered on it."""
    url = conditional_escape(url)
    items = []
    for tag in tags:
        value = conditional_escape(quote(tag.value, safe="/"))  # as the urlencode filter
        items.append(
            f'<li><a class="tag-cloud__tag tag-cloud__tag--{localize(tag.size)}"'
            f' href="{url}?tag={value}"{_lang(tag.lang)}>{conditional_escape(tag.label)}'
            f' <span class="facet__count">({localize(tag.count)})</span></a></li>'
        )
    return mark_safe("".join(items))  # noqa: S308 - each value escaped


@register.simple_tag
def map_markers(markers):
    """Each marker of the library's map: a link with its title, a square for a lab, a dot
    for a case study."""
    lab_title, case_title = gettext("Fairville lab: %(name)s"), gettext("Case study: %(title)s")
    items = []
    for marker in markers:
        x, y, label = marker.x, marker.y, conditional_escape(marker.label)
        if marker.kind == "lab":
            title = lab_title % {"name": label}
            shape = (
                f'<rect x="{x}" y="{y}" width="14" height="14" transform="translate(-7 -7)"/>'
                f'<text x="{x}" y="{y}" dx="{marker.dx}" dy="{marker.dy}"'
                f' text-anchor="{marker.anchor}">{conditional_escape(marker.text)}</text>'
            )
        else:
            title = case_title % {"title": label}
            shape = f'<circle cx="{x}" cy="{y}" r="5"/>'
        items.append(
            f'\n    <a href="{conditional_escape(marker.href)}"'
            f' class="marker marker--{conditional_escape(marker.kind)}">\n'
            f"      <title>{title}</title>\n      {shape}\n    </a>\n    "
        )
    return mark_safe("".join(items))  # noqa: S308 - each value escaped
