"""Citable spoken moments (issue 17 §3): each transcript segment's permalink plays from
there, highlights the segment, cites it and quotes it; it survives a re-import."""

import re
from urllib.parse import parse_qs, urlsplit

import bibtexparser
import pytest

from sessions.captions import Cue, parse_webvtt
from sessions.demo_recording import MEDIA
from sessions.models import TranscriptSegment
from sessions.recording_import import write_transcript

from .conftest import soup, text
from .test_pages import RECORDING_PAGE_LIMIT

pytestmark = pytest.mark.django_db


def permalinks(page):
    """{segment text: its permalink} of the transcript shown."""
    return {
        text(span).strip(): span.select_one("a.moment__link")["href"]
        for span in page.select("#transcript .moment")
    }


def current(page):
    (span,) = page.select("#transcript .moment.is-current")
    return span


def example_cues(language):
    name = f"example-{language}.vtt"
    return parse_webvtt((MEDIA / name).read_bytes(), name)


def test_every_segment_has_a_permalink_that_plays_highlights_and_cites(client, recording_fr):
    page = soup(client.get(recording_fr.url))
    links = permalinks(page)
    assert len(links) == 4  # every cue of the example, though they make two paragraphs
    href = links["Cliquez sur un horaire pour lire la vidéo à partir de ce moment."]
    assert re.fullmatch(r"\?transcript=fr&moment=6000-[0-9a-f]{8}#m-6000-[0-9a-f]{8}", href)
    assert page.select_one("#moment-title") is None  # no moment asked for: no card

    opened = soup(client.get(recording_fr.url + href.split("#")[0]))
    # The player starts there, and the segment is highlighted where the link's anchor points.
    assert opened.select_one("video source")["src"].endswith(".webm#t=6")
    assert opened.select_one("[data-player]")["data-start"] == "6"
    assert current(opened)["id"] == href.split("#")[1]
    assert "Cliquez sur un horaire" in text(current(opened))
    card = opened.select_one(".moment-card")
    assert text(card.h2) == "Citer ce moment"
    assert text(card.blockquote) == (
        "« Cliquez sur un horaire pour lire la vidéo à partir de ce moment. »"
    )
    assert " ".join(card.figcaption.get_text().split()) == (
        "Dominique Exemple, Session d'exemple — enregistrement et transcription, "
        "20 novembre 2025, 0:06"
    )
    # The reference (cms.citation) in the reader's language, with the permalink.
    citation = card.select_one(".moment-card__citation")
    permalink = citation.get_text().split()[-1]
    assert permalink == "http://testserver" + recording_fr.url + href.split("#")[0]
    reference = text(citation)
    assert reference.startswith("Dominique Exemple (2025). Enregistrement d'exemple [")
    for part in (
        "Dans : Session d'exemple — enregistrement et transcription.",
        "20 novembre 2025, à 0:06.",
    ):
        assert part in reference
    # Reference managers get the moment from the page's head and from the downloads.
    head = {m["name"]: m["content"] for m in opened.select("meta[name^=citation_]")}
    assert head["citation_author"] == "Dominique Exemple"
    downloads = {text(a): a["href"] for a in card.select(".moment-card__downloads a")}
    assert set(downloads) == {"BibTeX", "RIS", "CSL-JSON"}
    bibtex = bibtexparser.loads(client.get(downloads["BibTeX"]).content.decode()).entries
    (entry,) = bibtex
    assert entry["author"] == "{Dominique Exemple}" and entry["url"] == permalink
    assert "à 0:06" in entry["note"]
    ris = client.get(downloads["RIS"]).content.decode().splitlines()
    assert "AU  - Dominique Exemple" in ris and f"UR  - {permalink}" in ris
    assert "moins proche" not in text(card) and "a changé" not in text(card)


def test_the_english_page_cites_in_english(client, recording_en):
    page = soup(client.get(recording_en.url))
    href = permalinks(page)["Nobody said these words; they show how a transcript reads."]
    card = soup(client.get(recording_en.url + href.split("#")[0])).select_one(".moment-card")
    assert text(card.h2) == "Cite this moment"
    assert text(card.blockquote) == "“Nobody said these words; they show how a transcript reads.”"
    reference = text(card.select_one(".moment-card__citation"))
    assert reference.startswith("Camille Exemple (2025). Example recording [")
    assert "In: Example session — recording and transcript." in reference
    assert "20 November 2025, at 0:02. http://testserver/en/" in reference


def test_a_french_moment_opens_the_french_transcript_on_the_english_page(
    client, recording_fr, recording_en
):
    href = permalinks(soup(client.get(recording_fr.url)))[
        "Bonjour et bienvenue : ceci est un enregistrement d'exemple."
    ]
    page = soup(client.get(recording_en.url + href.split("#")[0]))
    assert page.select_one("#transcript .transcript__paragraph")["lang"] == "fr"
    assert "Bonjour et bienvenue" in text(current(page))
    assert text(page.select_one(".moment-card h2")) == "Cite this moment"


def test_the_permalink_survives_a_reimport_of_the_same_transcript(client, recording_fr):
    before = permalinks(soup(client.get(recording_fr.url)))
    french = TranscriptSegment.objects.filter(transcript__language="fr")
    old_rows = set(french.values_list("pk", flat=True))
    write_transcript(recording_fr, "fr", "example-fr.vtt", example_cues("fr"), None)
    assert not old_rows & set(french.values_list("pk", flat=True))  # every row is new
    assert permalinks(soup(client.get(recording_fr.url))) == before
    for words, href in before.items():
        page = soup(client.get(recording_fr.url + href.split("#")[0]))
        assert text(current(page)) == words and current(page)["id"] == href.split("#")[1]
        assert page.select_one(".moment-card .help") is None  # the very moment, no notice


@pytest.mark.parametrize(
    "change",
    [
        lambda cue: Cue(
            cue.start, cue.end, "Cliquez sur un horaire : la vidéo part de là.", cue.speaker
        ),
        lambda cue: Cue(cue.start + 400, cue.end, cue.text, cue.speaker),
    ],
    ids=["text-edited", "time-shifted"],
)
def test_a_changed_moment_leads_to_the_nearest_one(client, recording_fr, change):
    href = permalinks(soup(client.get(recording_fr.url)))[
        "Cliquez sur un horaire pour lire la vidéo à partir de ce moment."
    ]
    cues = example_cues("fr")
    cues[2] = change(cues[2])
    # One more cue close by, on the other side: the nearest in time must win.
    cues.insert(3, Cue(7500, 8000, "Un ajout plus loin.", "Dominique Exemple"))
    write_transcript(recording_fr, "fr", "example-fr.vtt", cues, None)
    page = soup(client.get(recording_fr.url + href.split("#")[0]))
    assert "Cliquez sur un horaire" in text(current(page))
    assert text(page.select_one(".moment-card .help")) == (
        "La transcription a changé depuis la création de ce lien : voici le moment le plus proche."
    )
    # The card's permalink is the moment's new one.
    new = parse_qs(
        urlsplit(page.select_one(".moment-card__citation").get_text().split()[-1]).query
    )["moment"]
    assert new == [current(page)["id"].removeprefix("m-")] and new != [href]


@pytest.mark.parametrize(
    "value",
    ["abc", "6000", "6000-zzzzzzzz", "6000-ABCDEF12", "<script>", "9" * 40, "6000-00000000\x00"],
)
def test_a_malformed_moment_is_ignored(client, recording_fr, value):
    page = soup(client.get(recording_fr.url, {"moment": value}))
    assert page.select_one(".moment-card") is None and not page.select(".moment.is-current")
    assert page.select_one("video source")["src"].endswith(".webm")


def test_a_moment_after_the_end_leads_to_the_last_segment(client, recording_fr):
    page = soup(client.get(recording_fr.url, {"moment": "999999999-00000000"}))
    assert "Les sous-titres du lecteur" in text(current(page))


def test_a_long_segment_is_quoted_short(client, session_fr, make_recording):
    words = "co-production " * 100
    recording = make_recording(session_fr(2), transcripts={"fr": [(30, words, "Ada Test")]})
    href = permalinks(soup(client.get(recording.url)))[words.strip()]
    card = soup(client.get(recording.url + href.split("#")[0])).select_one(".moment-card")
    quote = text(card.blockquote)
    assert len(quote) < 260 and quote.endswith("co-production… »")
    assert text(card.figcaption).startswith("Ada Test, #2 ")


def test_moment_pages_are_cached_and_cost_one_query_more(
    client, session_fr, make_recording, django_assert_max_num_queries
):
    from cms.pagecache import invalidate

    long = make_recording(
        session_fr(3), transcripts={"fr": [(s, f"Phrase {s}.") for s in range(0, 3600, 3)]}
    )
    href = permalinks(soup(client.get(long.url)))["Phrase 1800."].split("#")[0]
    invalidate()
    with django_assert_max_num_queries(RECORDING_PAGE_LIMIT + 1):
        first = client.get(long.url + href)
    assert "Phrase 1800." in text(current(soup(first)))
    with django_assert_max_num_queries(0):
        assert client.get(long.url + href).content == first.content
