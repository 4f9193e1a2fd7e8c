"""WebVTT and SRT as meeting tools export them, read from real files with their edge cases."""

from pathlib import Path

import pytest

from sessions.captions import (
    CaptionError,
    format_clock,
    format_time,
    parse_captions,
    parse_chapters,
    parse_srt,
    parse_webvtt,
    to_webvtt,
)

FILES = Path(__file__).parent / "files"
HOURS_100 = 100 * 3600 * 1000


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


def read(name):
    return (FILES / name).read_bytes()


def test_the_fixture_files_really_have_their_edge_cases():
    vtt = read("edge-cases.vtt")
    assert vtt.startswith(b"\xef\xbb\xbfWEBVTT") and b"\r\n" in vtt
    assert read("edge-cases.srt").startswith(b"\xef\xbb\xbf1\r\n")


def test_webvtt_edge_cases():
    cues = parse_webvtt(read("edge-cases.vtt"), "edge-cases.vtt")
    # The empty cue is dropped; the STYLE and NOTE blocks are skipped.
    assert [(cue.start, cue.end) for cue in cues] == [
        (0, 4500),  # minutes only, no hours, with cue settings
        (3000, 6000),  # overlaps the first: both kept, in order
        (5_999_999, 6_002_000),  # past 99 minutes
        (HOURS_100, HOURS_100 + 1250),  # three-digit hours
    ]
    first, second, third, fourth = cues
    assert first.text == "Bonjour à toutes\net à tous." and first.speaker == "Ada Exemple"
    assert second.speaker == "Bo Exemple"  # a voice with a class
    assert second.text == "Je parle en même temps & je coupe la parole."
    assert third.text == "Après 99 minutes <toujours> là."  # tags out, entities decoded
    assert fourth.speaker == "" and first.line == 12  # lines counted from 1, BOM or not


def test_srt_edge_cases():
    cues = parse_srt(read("edge-cases.srt"), "edge-cases.srt")
    assert [(cue.start, cue.end) for cue in cues] == [
        (0, 4500),
        (3000, 6000),
        (5_999_999, 6_002_000),
        (HOURS_100, HOURS_100 + 1250),
    ]
    assert cues[0].text == "Hello everyone,\nwelcome."
    assert cues[1].text == "Two people talk at once."  # coordinates after the timing ignored


def test_the_format_is_told_by_the_content():
    assert len(parse_captions(read("edge-cases.srt"), "transcript.txt")) == 4
    assert len(parse_captions(read("edge-cases.vtt"), "transcript.txt")) == 4


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("missing-blank-line.vtt", 5, "is a blank line missing before it?"),
        ("bad-timing.srt", 6, "“00:00:02.5 --> 00:00:03,000” is not a cue timing"),
        ("ends-before-start.vtt", 3, "ends (00:00:04.000) before it starts (00:00:05.000)"),
        ("no-header.vtt", 1, "must start with “WEBVTT”"),
        ("not-utf8.srt", 3, "not UTF-8"),
    ],
)
def test_a_malformed_file_is_refused_with_its_name_and_line(name, line, words):
    with pytest.raises(CaptionError) as caught:
        parse_captions(read(name), name)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{name}, line {line}: ")
    assert words in str(caught.value)


def test_messages_are_in_the_active_language():
    from django.utils import translation

    with translation.override("fr"), pytest.raises(CaptionError) as caught:
        parse_webvtt(read("no-header.vtt"), "no-header.vtt")
    assert str(caught.value) == (
        "no-header.vtt, ligne 1 : un fichier WebVTT doit commencer par « WEBVTT »."
    )


@pytest.mark.parametrize("content", ["", "WEBVTT", "\ufeff", "1\n", "WEBVTT\n\nNOTE only\n"])
def test_degenerate_files_never_crash(content):
    try:
        cues = parse_captions(content, "x.srt")
    except CaptionError:
        return
    assert cues == []


def test_chapters_in_both_formats():
    expected = [(0, "Accueil"), (750_000, "Premier tour"), (3_723_000, "Questions")]
    assert parse_chapters(read("chapters.txt"), "chapters.txt") == expected
    assert parse_chapters(read("chapters.vtt"), "chapters.vtt") == expected
    with pytest.raises(CaptionError, match=r"bad-chapters.txt, line 2: .*douze heures"):
        parse_chapters(read("bad-chapters.txt"), "bad-chapters.txt")


def test_written_webvtt_reads_back_the_same():
    cues = parse_webvtt(read("edge-cases.vtt"), "edge-cases.vtt")
    cues[0].text = "A --> B & <C>"
    again = parse_webvtt(to_webvtt(cues), "again.vtt")
    expected = [(c.start, c.end, c.text, c.speaker) for c in cues]
    # "-->" cannot be in cue text: it is written apart; everything else comes back.
    expected[0] = (0, 4500, "A -- > B & <C>", "Ada Exemple")
    assert [(c.start, c.end, c.text, c.speaker) for c in again] == expected


def test_times_for_people_and_files():
    assert format_clock(2530) == "42:10"
    assert format_clock(6300) == "1:45:00"
    assert format_time(HOURS_100 + 1250) == "100:00:01.250"
