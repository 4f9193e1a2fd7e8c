from datetime import UTC

from django import template

from cms.jsonld import json_ld
from sessions import timefmt
from sessions.captions import format_clock
from sessions.structured_data import event_data, video_data

register = template.Library()


@register.simple_tag(takes_context=True)
def session_json_ld(context, page):
    """The page's schema.org Event as a JSON-LD script element."""
    return json_ld(event_data(page, context["request"], context.get("citation")))


@register.filter
def utc_iso(moment):
    """An instant in ISO 8601, UTC, for ``<time datetime>`` and scripts: to the second,
    as HTML allows at most three digits of a fraction (a time set by code has six)."""
    if not moment:
        return ""
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@register.simple_tag(takes_context=True)
def recording_json_ld(context, page):
    """The recording page's schema.org VideoObject as a JSON-LD script element."""
    playback = context["playback"]
    poster = playback["poster_url"]
    if poster is None:
        poster = page.poster.get_rendition("fill-960x540").url
    return json_ld(video_data(page, context["request"], playback, poster, context.get("citation")))


@register.filter
def day(moment):
    """An instant's day as the sessions' pages write one: '20 November 2025'."""
    if not moment:
        return ""
    return timefmt.format_day(moment)


@register.filter
def clock(seconds):
    """Seconds as a reader sees them: 42:10, or 1:45:10 past the hour."""
    return format_clock(seconds) if seconds is not None else ""
