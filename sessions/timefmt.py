"""Session times as people write them, in French and in English, and in the locale's
own formats (Django's) in any other language.

    >>> format_when(start, end, "fr")
    '15 janvier 2026, 15h-17h CET / 14h-16h GMT'
    >>> format_when(start, end, "en")
    '15 January 2026, 3-5 pm CET / 2-4 pm GMT'
    >>> format_when(start, end, "ar")  # the zone names isolated, see below
    '15 يناير، 2026، 3:00 م-5:00 م CET / 2:00 م-4:00 م GMT'

In a right-to-left language the zone names are wrapped in Unicode isolates (LRI...PDI):
otherwise "CET / 2:00" forms one left-to-right run and the "م" of "2:00 م" is drawn on
the far side of it.

The zone names (CET, CEST, GMT, BST...) come from the time zone database for the
instant shown, never from a label: 16 April 2026 is CEST/BST. Pages, lists, emails
and calendar descriptions all use these functions, with the reader's language.

A range is written within a day; a session crossing midnight reads "23h-1h", which
is clear for a seminar of a few hours (longer events are not in scope).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, timezone, translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

DEFAULT_TIME_ZONE = "Europe/Paris"
# The programme gives every time for Paris and London (CET / GMT); the session's own
# zone comes first and these follow when they differ from it.
DISPLAY_ZONES = ("Europe/Paris", "Europe/London")


def zones_for(time_zone):
    """The session's zone first, then the usual display zones, without repeats."""
    return tuple(dict.fromkeys((time_zone or DEFAULT_TIME_ZONE, *DISPLAY_ZONES)))


# Languages written here by hand (the programme's own style); any other language uses
# its Django locale formats (DATE_FORMAT, YEAR_MONTH_FORMAT, TIME_FORMAT).
DATE_FORMATS = {"fr": "j F Y", "en": "j F Y"}
# Between the date and the times; Arabic writes its own comma.
SEPARATORS = {"ar": "، ", "fa": "، ", "ur": "، "}
LEFT_TO_RIGHT_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2066", "\u2069"


def zone_abbreviation(moment, zone):
    """The zone's name at that instant (CET, CEST, GMT, BST), or its UTC offset."""
    local = moment.astimezone(ZoneInfo(zone))
    name = local.tzname() or ""
    if name and name[0] not in "+-":
        return name
    # Zones without an abbreviation in the database (e.g. America/Sao_Paulo: "-03").
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_date(day, language):
    """'15 janvier 2026' / '15 January 2026' (and '1er mai 2026' in French)."""
    with translation.override(language):
        text = formats.date_format(day, DATE_FORMATS.get(language, "DATE_FORMAT"))
    if language == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text


def format_day(moment):
    """An instant's day in the site's zone, in the active language, as format_date
    writes it (a recording's date)."""
    return format_date(timezone.localtime(moment).date(), translation.get_language())


def format_month(month, language):
    """'juin 2026' / 'June 2026'."""
    with translation.override(language):
        return formats.date_format(month, "YEAR_MONTH_FORMAT")


def format_time_range(start, end, language):
    """Two local times of one zone: '15h-17h', '15h30-17h' / '3-5 pm', '11 am-1 pm'."""
    if language == "fr":
        return f"{_fr_time(start)}-{_fr_time(end)}"
    if language != "en":
        return f"{_locale_time(start, language)}-{_locale_time(end, language)}"
    start_text, start_half = _en_time(start)
    end_text, end_half = _en_time(end)
    if start_half == end_half:
        return f"{start_text}-{end_text} {end_half}"
    return f"{start_text} {start_half}-{end_text} {end_half}"


def format_when(start, end, language, zones=DISPLAY_ZONES):
    """The date and the time range in each zone, e.g. '15 janvier 2026, 15h-17h CET / ...'.

    ``start`` and ``end`` are aware datetimes. The date is the one in the first zone; a
    zone where the session falls on another day gets its own date.
    """
    _check_aware(start, end)
    first_day = start.astimezone(ZoneInfo(zones[0])).date()
    parts = []
    for zone in zones:
        local_start = start.astimezone(ZoneInfo(zone))
        local_end = end.astimezone(ZoneInfo(zone))
        text = f"{format_time_range(local_start, local_end, language)} "
        text += _zone_name(start, zone, language)
        if local_start.date() != first_day:
            text = f"{format_date(local_start.date(), language)}{_separator(language)}{text}"
        parts.append(text)
    return f"{format_date(first_day, language)}{_separator(language)}{' / '.join(parts)}"


def format_moment(moment, language, zones=DISPLAY_ZONES):
    """One instant in each zone: '15 janvier 2026, 14h30 CET / 13h30 GMT'."""
    _check_aware(moment)
    first_day = moment.astimezone(ZoneInfo(zones[0])).date()
    parts = []
    for zone in zones:
        local = moment.astimezone(ZoneInfo(zone))
        if language == "fr":
            text = _fr_time(local)
        elif language == "en":
            text = " ".join(_en_time(local))
        else:
            text = _locale_time(local, language)
        text += f" {_zone_name(moment, zone, language)}"
        if local.date() != first_day:
            text = f"{format_date(local.date(), language)}{_separator(language)}{text}"
        parts.append(text)
    return f"{format_date(first_day, language)}{_separator(language)}{' / '.join(parts)}"


def format_to_be_confirmed(month, language):
    """'juin 2026, date et heure à confirmer' / 'June 2026, date and time to be confirmed'."""
    with translation.override(language):
        return _("%(month)s, date and time to be confirmed") % {
            "month": format_month(month, language)
        }


def _check_aware(*moments):
    for moment in moments:
        if not isinstance(moment, datetime) or moment.tzinfo is None:
            raise ValueError("Session times must be aware datetimes.")


def _separator(language):
    return SEPARATORS.get(language, ", ")


def _zone_name(moment, zone, language):
    name = zone_abbreviation(moment, zone)
    if get_language_info(language)["bidi"]:
        return f"{LEFT_TO_RIGHT_ISOLATE}{name}{POP_DIRECTIONAL_ISOLATE}"
    return name


def _locale_time(moment, language):
    with translation.override(language):
        return formats.time_format(moment, "TIME_FORMAT")


def _fr_time(moment):
    return f"{moment.hour}h{moment.minute:02d}" if moment.minute else f"{moment.hour}h"


def _en_time(moment):
    half = "am" if moment.hour < 12 else "pm"
    hour = moment.hour % 12 or 12
    text = f"{hour}:{moment.minute:02d}" if moment.minute else str(hour)
    return text, half


__all__ = [
    "DEFAULT_TIME_ZONE",
    "DISPLAY_ZONES",
    "format_date",
    "format_moment",
    "format_month",
    "format_time_range",
    "format_to_be_confirmed",
    "format_when",
    "zone_abbreviation",
    "zones_for",
]
