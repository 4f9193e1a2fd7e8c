"""Times as the programme writes them, with zone names from the time zone database."""

from datetime import UTC, date, datetime

import pytest

from sessions.timefmt import (
    format_date,
    format_moment,
    format_to_be_confirmed,
    format_when,
    zone_abbreviation,
    zones_for,
)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "end", "fr", "en"),
    [
        # Winter: the seed's own example.
        (
            utc(2026, 1, 15, 14),
            utc(2026, 1, 15, 16),
            "15 janvier 2026, 15h-17h CET / 14h-16h GMT",
            "15 January 2026, 3-5 pm CET / 2-4 pm GMT",
        ),
        # #4: the seed says CET / GMT, but 16 April is summer time.
        (
            utc(2026, 4, 16, 13),
            utc(2026, 4, 16, 15),
            "16 avril 2026, 15h-17h CEST / 14h-16h BST",
            "16 April 2026, 3-5 pm CEST / 2-4 pm BST",
        ),
        # The day before and the day of the spring change (29 March 2026, 01:00 UTC).
        (
            utc(2026, 3, 28, 14),
            utc(2026, 3, 28, 16),
            "28 mars 2026, 15h-17h CET / 14h-16h GMT",
            "28 March 2026, 3-5 pm CET / 2-4 pm GMT",
        ),
        (
            utc(2026, 3, 29, 14),
            utc(2026, 3, 29, 16),
            "29 mars 2026, 16h-18h CEST / 15h-17h BST",
            "29 March 2026, 4-6 pm CEST / 3-5 pm BST",
        ),
        # Autumn change (25 October 2026): back to CET / GMT.
        (
            utc(2026, 10, 25, 14),
            utc(2026, 10, 25, 16),
            "25 octobre 2026, 15h-17h CET / 14h-16h GMT",
            "25 October 2026, 3-5 pm CET / 2-4 pm GMT",
        ),
        # Minutes when not on the hour.
        (
            utc(2026, 1, 15, 13, 30),
            utc(2026, 1, 15, 15, 45),
            "15 janvier 2026, 14h30-16h45 CET / 13h30-15h45 GMT",
            "15 January 2026, 2:30-4:45 pm CET / 1:30-3:45 pm GMT",
        ),
        # Crossing noon, and noon itself.
        (
            utc(2026, 1, 15, 10),
            utc(2026, 1, 15, 12),
            "15 janvier 2026, 11h-13h CET / 10h-12h GMT",
            "15 January 2026, 11 am-1 pm CET / 10 am-12 pm GMT",
        ),
        # The first of the month is "1er" in French.
        (
            utc(2026, 5, 1, 8),
            utc(2026, 5, 1, 9, 30),
            "1er mai 2026, 10h-11h30 CEST / 9h-10h30 BST",
            "1 May 2026, 10-11:30 am CEST / 9-10:30 am BST",
        ),
    ],
)
def test_times_in_french_and_english(start, end, fr, en):
    assert format_when(start, end, "fr") == fr
    assert format_when(start, end, "en") == en


def test_a_zone_on_another_day_gets_its_own_date():
    # 00:30 in Paris is still the evening before in London.
    start, end = utc(2026, 1, 15, 23, 30), utc(2026, 1, 16, 1)
    assert format_when(start, end, "fr") == (
        "16 janvier 2026, 0h30-2h CET / 15 janvier 2026, 23h30-1h GMT"
    )
    assert format_when(start, end, "en") == (
        "16 January 2026, 12:30-2 am CET / 15 January 2026, 11:30 pm-1 am GMT"
    )


def test_the_sessions_own_zone_comes_first():
    zones = zones_for("Africa/Dakar")
    assert zones == ("Africa/Dakar", "Europe/Paris", "Europe/London")
    assert format_when(utc(2026, 1, 15, 14), utc(2026, 1, 15, 16), "en", zones) == (
        "15 January 2026, 2-4 pm GMT / 3-5 pm CET / 2-4 pm GMT"
    )
    assert zones_for("Europe/London") == ("Europe/London", "Europe/Paris")
    assert zones_for("") == ("Europe/Paris", "Europe/London")


@pytest.mark.parametrize(
    ("zone", "moment", "name"),
    [
        ("Europe/Paris", utc(2026, 1, 15, 14), "CET"),
        ("Europe/Paris", utc(2026, 7, 15, 14), "CEST"),
        ("Europe/London", utc(2026, 7, 15, 14), "BST"),
        ("Africa/Cairo", utc(2026, 1, 15, 14), "EET"),
        # No abbreviation in the database: the offset instead.
        ("America/Sao_Paulo", utc(2026, 1, 15, 14), "UTC-3"),
        ("Asia/Kathmandu", utc(2026, 1, 15, 14), "UTC+5:45"),
    ],
)
def test_zone_names_come_from_the_database(zone, moment, name):
    assert zone_abbreviation(moment, zone) == name


def test_to_be_confirmed_gives_the_month_only():
    assert format_to_be_confirmed(date(2026, 6, 1), "fr") == "juin 2026, date et heure à confirmer"
    assert format_to_be_confirmed(date(2026, 6, 1), "en") == (
        "June 2026, date and time to be confirmed"
    )


def test_dates_alone():
    assert format_date(date(2026, 2, 12), "fr") == "12 février 2026"
    assert format_date(date(2026, 2, 12), "en") == "12 February 2026"


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="aware"):
        format_when(datetime(2026, 1, 15, 15), datetime(2026, 1, 15, 17), "fr")


def test_one_moment_in_each_zone_for_the_join_link():
    from sessions.timefmt import format_moment

    winter = datetime(2026, 1, 15, 13, 30, tzinfo=UTC)
    assert format_moment(winter, "fr") == "15 janvier 2026, 14h30 CET / 13h30 GMT"
    assert format_moment(winter, "en") == "15 January 2026, 2:30 pm CET / 1:30 pm GMT"
    summer = datetime(2026, 4, 16, 22, 30, tzinfo=UTC)  # past midnight in Paris only
    assert format_moment(summer, "fr") == "17 avril 2026, 0h30 CEST / 16 avril 2026, 23h30 BST"


# Other languages: the locale's own formats (Django's), with the same zone names. In a
# right-to-left language each zone name sits in a left-to-right isolate (U+2066...U+2069).
def iso(name):
    return f"\u2066{name}\u2069"


def test_times_in_arabic_use_its_formats_and_still_name_the_zones():
    winter = format_when(utc(2026, 1, 15, 14), utc(2026, 1, 15, 16), "ar")
    assert winter == f"15 يناير، 2026، 3:00 م-5:00 م {iso('CET')} / 2:00 م-4:00 م {iso('GMT')}"
    summer = format_when(utc(2026, 4, 16, 13), utc(2026, 4, 16, 15), "ar")
    assert summer.endswith(f"3:00 م-5:00 م {iso('CEST')} / 2:00 م-4:00 م {iso('BST')}")
    assert format_moment(utc(2026, 1, 15, 13, 30), "ar") == (
        f"15 يناير، 2026، 2:30 م {iso('CET')} / 1:30 م {iso('GMT')}"
    )
    assert format_date(date(2026, 2, 12), "ar") == "12 فبراير، 2026"


def test_a_left_to_right_language_without_a_written_style_uses_its_locale_formats():
    text = format_when(utc(2026, 7, 15, 14), utc(2026, 7, 15, 16), "de")
    assert text == "15. Juli 2026, 16:00-18:00 CEST / 15:00-17:00 BST"
    assert "\u2066" not in text
