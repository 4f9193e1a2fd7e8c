"""Inputs chosen to cost quadratic time, or a 500: each is answered, in linear work.

How fast is not asserted here (benchmarks/adversarial_inputs.py prints the time ratios
for doubling sizes); what is asserted is the answer, and where it can be counted without
a clock, the work done per character.
"""

import pytest
from django.utils import translation

from search import highlight
from sessions.captions import CaptionError, parse_chapters, parse_srt, parse_webvtt
from sessions.models import RecordingPage


def counting(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


@pytest.mark.parametrize("joiner", ["-", "'", "’"])
def test_a_long_joined_chain_is_read_once_and_never_marked(monkeypatch, joiner):
    # Each "habi" starts like "habitants", so each link is a candidate match; the old
    # code walked back to the chain's start from every one (40,000 characters: 32 s).
    text = f"habi{joiner}" * 2000 + " Les habitants du quartier."
    letters = counting(monkeypatch, highlight, "_is_letter")

    snippet = highlight.snippet(text, ["habitants"], "fr")

    assert len(letters) <= 2 * len(text)
    # The real word after the chain is still found and marked.
    assert "<mark>habitants</mark>" in snippet
    assert highlight.find(f"habi{joiner}" * 40 + "habitants", ["habitants"], "fr") == []


def test_words_joined_as_people_write_them_are_still_marked():
    snippet = highlight.snippet("Une co-production d’habitant·e·s.", ["coproduction"], "fr")
    assert "<mark>co-production</mark>" in snippet
    snippet = highlight.snippet("Une co-production d’habitant·e·s.", ["habitante"], "fr")
    assert "<mark>d’habitant·e·s</mark>" in snippet


CUE = "WEBVTT\n\n00:00.000 --> 00:01.000\n{}\n"


@pytest.mark.parametrize("line", ["<" * 30_000, "<v " * 10_000, "a" * 30_000])
def test_an_overlong_cue_is_refused_before_any_pattern_reads_it(monkeypatch, line):
    import sessions.captions as captions

    cleaned = counting(monkeypatch, captions, "_clean_text")
    with translation.override("fr"), pytest.raises(CaptionError) as refused:
        parse_webvtt(CUE.format(line), "sous-titres.vtt")
    assert cleaned == []
    assert str(refused.value) == (
        "sous-titres.vtt, ligne 3 : le texte du sous-titre est trop long "
        "(plus de 5 000 caractères)."
    )


@pytest.mark.parametrize("line", ["<" * 19_000, "<v " * 6_000, "<b" * 9_000])
def test_unclosed_tags_within_the_limit_are_read_as_text(line):
    # Each "<" starts a tag that never ends: the old patterns read to the line's end from
    # every one of them. Refused for what the text is (too long once cleaned), not a 500.
    with translation.override("en"), pytest.raises(CaptionError, match="too long"):
        parse_webvtt(CUE.format(line))
    cues = parse_webvtt(CUE.format("<v.loud Ana><b>Bonjour</b> <i>à tous</i> < 3"))
    assert (cues[0].speaker, cues[0].text) == ("Ana", "Bonjour à tous < 3")


def test_a_time_of_thousands_of_digits_is_a_mistake_named_in_the_file():
    digits = "9" * 5000
    with translation.override("en"):
        with pytest.raises(CaptionError, match="line 3: .* is not a cue timing"):
            parse_webvtt(f"WEBVTT\n\n{digits}:00:00.000 --> {digits}:00:01.000\nHello\n")
        with pytest.raises(CaptionError, match="line 2: .* is not a cue timing"):
            parse_srt(f"1\n{digits}:00:00,000 --> {digits}:00:01,000\nHello\n")
        with pytest.raises(CaptionError, match="line 1: .* is not a chapter"):
            parse_chapters(f"{digits}:00:00 Welcome\n")
    # Hours past 99 are still read.
    assert parse_webvtt("WEBVTT\n\n100:00:00.000 --> 100:00:01.000\nHello\n")[0].start == (
        100 * 3600 * 1000
    )


def test_a_range_of_thousands_of_digits_is_answered_not_a_500(attacker):
    recording = RecordingPage.objects.get(locale__language_code="fr", slug="enregistrement")
    document = recording.videos.first().file
    size = document.file.size
    url = document.url
    digits = "9" * 5000

    beyond = attacker.get(url, headers={"Range": f"bytes={digits}-"})
    assert beyond.status == 416
    assert beyond.header("Content-Range") == f"bytes */{size}"

    to_the_end = attacker.get(url, headers={"Range": f"bytes=0-{digits}"})
    assert to_the_end.status == 206
    assert to_the_end.header("Content-Range").startswith("bytes 0-")

    whole_suffix = attacker.get(url, headers={"Range": f"bytes=-{digits}"})
    assert whole_suffix.status == 206
    assert whole_suffix.header("Content-Range") == f"bytes 0-{size - 1}/{size}"

    zeros = attacker.get(url, headers={"Range": f"bytes={'0' * 5000}1-{'0' * 5000}2"})
    assert zeros.status == 206
    assert zeros.header("Content-Range") == f"bytes 1-2/{size}"
