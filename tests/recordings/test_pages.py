"""The recording page: versions, privacy facade, chapters, transcript, captions, both languages."""

import json
import re
from urllib.parse import urlsplit

import pytest

from sessions.models import TranscriptSegment

from .conftest import soup, text

pytestmark = pytest.mark.django_db
# The whole page, as for a session page (tests/sessions/test_queries.py: about 30, one
# more per menu item), plus the recording's session and series, versions, chapters,
# speakers, documents and transcript (44 today).
RECORDING_PAGE_LIMIT = 46
YOUTUBE = "https://www.youtube.com/watch?v=aBcDeFgHiJk"
VIMEO = "https://vimeo.com/76979871"


def json_ld(page):
    (script,) = page.select('script[type="application/ld+json"]')
    return json.loads(script.string)


def foreign_sources(html):
    """Every address the browser would fetch by itself (not links) that is off the site."""
    page = soup_of(html)
    found = []
    for tag in page.find_all(True):
        for attribute in ("src", "srcset", "poster", "data", "href"):
            value = tag.get(attribute)
            if not value or (attribute == "href" and tag.name == "a"):
                continue  # a link is only followed when the visitor chooses to
            for candidate in str(value).split(","):
                host = urlsplit(candidate.strip().split(" ")[0]).netloc
                if host and host != "testserver":
                    found.append((tag.name, attribute, value))
    return found


def soup_of(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_the_example_recording_in_french(client, recording_fr):
    response = client.get(recording_fr.url)
    page = soup(response)
    assert text(page.h1) == "Enregistrement d'exemple"
    assert "Durée 0:12" in text(page.select_one(".recording__facts"))
    video = page.select_one("video[data-player-video]")
    assert video["preload"] == "none" and video["poster"].startswith("/media/images/")
    assert video.source["src"].startswith("/documents/") and video.source["type"] == "video/webm"
    # Captions in both languages, from the transcripts, French by default on the French page.
    tracks = {track["srclang"]: track for track in video.select("track")}
    assert set(tracks) == {"fr", "en"} and tracks["fr"].has_attr("default")
    assert not tracks["en"].has_attr("default")
    assert [text(li) for li in page.select(".chapters li")] == [
        "Lire à partir de 0:00 Accueil (exemple)",
        "Lire à partir de 0:06 Comment utiliser la transcription (exemple)",
    ]
    assert "Exemple : chaque horaire" in text(page.select_one("#takeaways-title").parent)
    (document,) = page.select(".documents a")
    assert text(document) == "Diapositives d'exemple" and document.has_attr("download")

    transcript = page.select_one("#transcript")
    # The heading is the page's; the paragraphs say the transcript's language.
    assert text(transcript.h2) == "Transcription"
    assert {p["lang"] for p in transcript.select(".transcript__paragraph")} == {"fr"}
    paragraphs = transcript.select(".transcript__paragraph")
    assert len(paragraphs) == 2  # speaker changes make paragraphs, not cues
    first = paragraphs[0]
    assert text(first.select_one(".transcript__speaker")) == "Camille Exemple"
    assert "Bonjour et bienvenue : ceci est un enregistrement d'exemple. Personne n'a" in text(
        first
    )
    stamp = paragraphs[1].select_one("a.timestamp")
    assert stamp["data-seek"] == "6" and stamp["href"] == "?transcript=fr&t=6#player"
    assert foreign_sources(response.content.decode()) == []


def test_speakers_link_to_the_session_page(client, fr, session_fr, make_recording):
    from sessions.models import ContributorRole, Person, RecordingSpeaker, SessionContributor

    role = ContributorRole.objects.filter(locale=fr).first()
    people = [Person.objects.create(locale=fr, name=f"Personne de test {n}") for n in (1, 2)]
    session = session_fr(2)
    for order, person in enumerate(people):
        SessionContributor.objects.create(page=session, person=person, role=role, sort_order=order)
    recording = make_recording(session)
    for order, person in enumerate(reversed(people)):
        RecordingSpeaker.objects.create(page=recording, person=person, sort_order=order)
    page = soup(client.get(recording.url))
    speakers = page.select("#speakers-title + .people a")
    assert [text(a) for a in speakers] == ["Personne de test 2", "Personne de test 1"]
    assert speakers[0]["href"] == f"{session.url}#person-{people[1].pk}"
    session_page = soup(client.get(session.url))
    assert session_page.select_one(f"#person-{people[1].pk}") is not None


def test_the_english_page_reads_english_by_default(client, recording_en):
    page = soup(client.get(recording_en.url))
    assert text(page.h1) == "Example recording"
    transcript = page.select_one("#transcript")
    assert text(transcript.h2) == "Transcript"
    assert {p["lang"] for p in transcript.select(".transcript__paragraph")} == {"en"}
    assert "Hello and welcome: this is an example recording." in text(transcript)
    tracks = {t["srclang"]: t.has_attr("default") for t in page.select("video track")}
    assert tracks == {"en": True, "fr": False}
    switch = {text(a): a["href"] for a in transcript.select(".choice a")}
    assert switch == {"English": "?transcript=en#transcript", "French": "?transcript=fr#transcript"}
    # The other language on request, by a plain link.
    french = soup(client.get(recording_en.url + switch["French"]))
    assert french.select_one("#transcript .transcript__paragraph")["lang"] == "fr"
    assert "Bonjour et bienvenue" in text(french.select_one("#transcript"))


def test_a_timestamp_link_lands_at_its_moment(client, recording_fr):
    page = soup(client.get(recording_fr.url, {"t": "7"}))
    assert page.select_one("video source")["src"].endswith(".webm#t=7")
    assert text(page.select_one(".player__start")) == "La vidéo commence à 0:07."
    current = page.select_one(".transcript__paragraph.is-current")
    assert current["id"] == "t-7" and current.select_one("a")["data-seek"] == "6"


@pytest.mark.parametrize(
    "query",
    [
        {"t": "abc"},
        {"t": "-5"},
        {"t": "99999999999999999999"},
        {"video": "<script>"},
        {"transcript": "xx", "part": "0"},
        {"part": "99999"},
        {"t": "7", "transcript": "\x00"},
    ],
)
def test_any_address_gives_the_page(client, recording_fr, query):
    response = client.get(recording_fr.url, query)
    assert response.status_code == 200
    assert b"<script>" not in response.content.split(b"</head>")[1].replace(
        b'<script src="/static/', b""
    )


def test_a_hosted_video_is_a_facade_until_the_click(client, session_fr, make_recording):
    recording = make_recording(session_fr(1), videos=[("original", YOUTUBE), ("en", VIMEO)])
    response = client.get(recording.url, {"t": "2530"})
    html = response.content.decode()
    page = soup(response)
    assert "<iframe" not in html and foreign_sources(html) == []
    player = page.select_one("[data-player]")
    assert player["data-provider"] == "youtube"
    assert (
        player["data-embed"]
        == "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk?autoplay=1&rel=0"
    )
    facade = player.select_one("a[data-player-load]")
    # Without JavaScript, the facade is a link to the provider, at the moment asked for.
    assert facade["href"] == "https://www.youtube.com/watch?v=aBcDeFgHiJk&t=2530s"
    assert player.img["src"] == "/static/event_sessions/img/poster.svg"
    assert "Rien n'est chargé depuis YouTube avant votre clic" in text(facade)
    versions = {text(a): a["href"] for a in page.select(".recording__video .choice a")}
    assert versions == {
        "Original (tel que prononcé)": "?video=original#player",
        "Interprétation : Anglais": "?video=en#player",
    }
    vimeo = soup(client.get(recording.url + "?video=en")).select_one("[data-player]")
    assert vimeo["data-embed"] == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"


def test_visitors_get_the_version_in_their_language_first(client, session_en, make_recording):
    recording = make_recording(session_en(1), videos=[("original", YOUTUBE), ("en", VIMEO)])
    page = soup(client.get(recording.url))
    assert page.select_one("[data-player]")["data-provider"] == "vimeo"
    assert text(page.select_one(".recording__video .choice [aria-current]")) == (
        "English interpretation"
    )


def test_captions_are_webvtt_made_from_the_transcript(client, recording_fr, recording_en):
    from sessions.captions import parse_webvtt

    response = client.get(f"/fr/recordings/{recording_en.pk}/captions-fr.vtt")
    assert response.status_code == 200 and response["Content-Type"] == "text/vtt; charset=utf-8"
    cues = parse_webvtt(response.content, "captions.vtt")
    segments = TranscriptSegment.objects.filter(
        transcript__recording=recording_fr, transcript__language="fr"
    ).order_by("start_ms")
    assert [(c.start, c.end, c.text, c.speaker) for c in cues] == [
        (s.start_ms, s.end_ms, s.text, s.speaker) for s in segments
    ]
    assert client.get(f"/fr/recordings/{recording_fr.pk}/captions-de.vtt").status_code == 404
    assert client.get("/fr/recordings/99999999999/captions-fr.vtt").status_code == 404
    recording_fr.unpublish()
    assert client.get(f"/fr/recordings/{recording_fr.pk}/captions-fr.vtt").status_code == 404


@pytest.mark.parametrize("language", ["fr", "en"])
def test_video_object_says_what_the_page_says(client, recording_fr, recording_en, language):
    recording = recording_fr if language == "fr" else recording_en
    page = soup(client.get(recording.url))
    data = json_ld(page)
    assert data["@type"] == "VideoObject" and data["name"] == text(page.h1)
    assert data["duration"] == "PT12S"
    assert data["uploadDate"].startswith("2025-11-20T")
    assert data["thumbnailUrl"] == ["http://testserver" + page.select_one("video")["poster"]]
    assert data["contentUrl"] == "http://testserver" + page.select_one("video source")[
        "src"
    ].removesuffix("#t=0")
    assert "embedUrl" not in data  # a file served by the site
    shown = [
        " ".join(re.sub(r"^(Lire à partir de|Play from) \d+:\d\d ", "", text(p)).split())
        for p in page.select(".transcript__paragraph")
    ]
    assert data["transcript"].split("\n") == [
        line.split(" ", 2)[2] for line in shown
    ]  # without the speaker's name
    event = data["recordedAt"]
    assert event["@type"] == "Event" and event["name"] == recording.get_parent().title
    assert event["startDate"] == "2025-11-20T15:00:00+01:00"
    assert [part["startOffset"] for part in data["hasPart"]] == [0, 6]


def test_video_object_of_a_hosted_video(client, session_fr, make_recording):
    recording = make_recording(session_fr(1), videos=[("original", YOUTUBE)])
    data = json_ld(soup(client.get(recording.url)))
    assert data["embedUrl"] == "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk"
    assert data["thumbnailUrl"] == ["http://testserver/static/event_sessions/img/poster.svg"]
    assert data["duration"] == "PT1H30M" and "contentUrl" not in data


def test_a_long_transcript_comes_in_parts_within_the_page_budget(
    client, session_fr, make_recording
):
    sentence = "Nous parlons longuement de co-production et de logement abordable. " * 3
    cues = [(seconds, sentence) for seconds in range(0, 3 * 3600, 5)]  # 2,160 cues, 3 hours
    recording = make_recording(session_fr(2), transcripts={"fr": cues})
    response = client.get(recording.url)
    page = soup(response)
    parts = page.select('nav[aria-label="Parties de la transcription"] a')
    assert len(parts) > 5 and text(parts[0]) == "0:00–" + text(parts[0]).split("–")[1]
    # The budget (100 KB) counts the site's CSS and JS too (about 11 KB), and the part's
    # text is there twice (paragraphs and the VideoObject's transcript): keep a margin.
    assert len(response.content) < 75_000
    later = soup(client.get(recording.url, {"t": 2 * 3600 + 7}))
    current = later.select_one(".transcript__paragraph.is-current")
    assert current["id"] == f"t-{2 * 3600 + 7}"
    assert later.select_one(".choice a[aria-current]") is not None
    assert text(current.select_one(".timestamp")).endswith(" 2:00:00")  # its paragraph's time


def test_the_session_page_leads_to_its_recording(client, recording_fr, session_fr):
    session = recording_fr.get_parent()
    page = soup(client.get(session.url))
    link = page.select_one(".session__recordings a")
    assert link["href"] == recording_fr.url
    assert text(link) == "Voir l'enregistrement et lire la transcription"
    assert soup(client.get(session_fr(1).url)).select_one(".session__recordings") is None
    recording_fr.unpublish()
    assert soup(client.get(session.url)).select_one(".session__recordings") is None


def test_pages_are_cached_and_forgotten_when_a_transcript_changes(
    client, recording_fr, django_assert_num_queries
):
    from sessions.captions import Cue
    from sessions.recording_import import write_transcript

    first = client.get(recording_fr.url)
    with django_assert_num_queries(0):  # from the cache, not rendered again
        second = client.get(recording_fr.url)
    assert second.status_code == 200 and second.content == first.content
    write_transcript(recording_fr, "fr", "new.vtt", [Cue(0, 2000, "Un texte tout neuf.")], None)
    assert "Un texte tout neuf." in text(soup(client.get(recording_fr.url)))


def test_query_counts_do_not_grow_with_the_transcript(
    client, session_fr, make_recording, django_assert_max_num_queries
):
    short = make_recording(session_fr(2), transcripts={"fr": [(0, "Court.")]})
    long = make_recording(
        session_fr(3), transcripts={"fr": [(s, f"Phrase {s}.") for s in range(0, 3600, 3)]}
    )
    counts = []
    for recording in (short, long):
        client.get(recording.url)
        from cms.pagecache import invalidate

        invalidate()
        with django_assert_max_num_queries(RECORDING_PAGE_LIMIT) as captured:
            assert client.get(recording.url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
