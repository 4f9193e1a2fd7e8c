from django import template

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
