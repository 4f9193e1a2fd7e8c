from datetime import UTC

from django import template

from sessions.structured_data import event_data, json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def session_json_ld(context, page):
    """The page's schema.org Event as a JSON-LD script element."""
    return json_ld(event_data(page, context["request"]))


@register.filter
def utc_iso(moment):
    """An instant in ISO 8601, UTC, for ``<time datetime>`` and scripts."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else ""
