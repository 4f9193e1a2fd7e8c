"""The recordings archive: newest first, filters in the address, both languages."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sessions.models import Person, RecordingsIndexPage, RecordingSpeaker

from .conftest import soup, text

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
# The whole page (menu, footer, language links) plus the listing: recordings, their
# sessions, series, speakers and posters in a fixed number of queries.
ARCHIVE_LIMIT = 40


@pytest.fixture
def archive_fr(fr):
    return RecordingsIndexPage.objects.get(locale=fr)


@pytest.fixture
def archive_en(en):
    return RecordingsIndexPage.objects.get(locale=en)


@pytest.fixture
def levers_recordings(session_fr, make_recording):
    """Recordings of sessions #1 (with an English transcript) and #2 (French only)."""
    first = make_recording(
        session_fr(1),
        recorded_at=datetime(2026, 1, 15, 15, tzinfo=PARIS),
        duration=timedelta(hours=1, minutes=58, seconds=30),
        transcripts={"en": [(0, "Hello.")]},
    )
    person = Person.objects.create(locale=first.locale, name="Personne de test")
    RecordingSpeaker.objects.create(page=first, person=person, sort_order=0)
    second = make_recording(
        session_fr(2),
        recorded_at=datetime(2026, 2, 12, 15, tzinfo=PARIS),
        transcripts={"fr": [(0, "Bonjour.")]},
    )
    return first, second


def titles(page):
    return [text(h2) for h2 in page.select(".recording-card__title")]


def test_newest_first_with_session_date_duration_and_people(client, archive_fr, levers_recordings):
    page = soup(client.get(archive_fr.url))
    assert titles(page) == [
        "#2 Financer et soutenir une co-production porteuse de sens",
        "#1 Ancrer durablement la co-production porteuse de sens",
        "Session d'exemple — enregistrement et transcription",
    ]
    cards = page.select(".recording-card")
    assert text(cards[1].select_one(".meta")) == (
        "Série des leviers · 15 janvier 2026 · Durée 1:58:30"
    )
    assert cards[1].select_one("a")["href"] == levers_recordings[0].url
    assert text(cards[1].select("p")[-1]) == "Avec Personne de test"
    assert "Avec" not in text(cards[2])  # the example names no Person
    assert text(page.select_one('[role="status"]')) == "3 enregistrements"


def test_filters_by_series_and_language_in_the_address(client, archive_fr, levers_recordings):
    page = soup(client.get(archive_fr.url))
    series = {text(o): o["value"] for o in page.select("#filter-series option")}
    assert series == {
        "Toutes les séries": "",
        "Série des leviers": "serie-des-leviers",
        "Série d'exemple": "serie-d-exemple",
    }
    levers = soup(client.get(archive_fr.url, {"series": "serie-des-leviers"}))
    assert len(titles(levers)) == 2
    assert levers.select_one("#filter-series option[selected]")["value"] == "serie-des-leviers"
    # English: the recording of #1 (an English transcript) and the example (both languages).
    english = soup(client.get(archive_fr.url, {"language": "en"}))
    assert titles(english) == [
        "#1 Ancrer durablement la co-production porteuse de sens",
        "Session d'exemple — enregistrement et transcription",
    ]
    both = soup(client.get(archive_fr.url, {"series": "serie-des-leviers", "language": "fr"}))
    assert titles(both) == ["#2 Financer et soutenir une co-production porteuse de sens"]
    assert both.select_one(".filters a")["href"] == archive_fr.url  # clear the filters


@pytest.mark.parametrize(
    "query", [{"series": "nope"}, {"language": "xx"}, {"page": "999"}, {"series": "\x00<b>"}]
)
def test_unknown_filters_show_everything(client, archive_fr, levers_recordings, query):
    page = soup(client.get(archive_fr.url, query))
    assert len(titles(page)) == 3
    if "series" in query:
        assert "Cette série n'existe pas" in text(page.select_one(".notice"))


def test_the_english_archive(client, archive_en, en):
    page = soup(client.get(archive_en.url))
    assert text(page.h1) == "Recordings"
    assert titles(page) == ["Example session — recording and transcript"]
    assert [text(label) for label in page.select(".filters label")] == ["Series", "Language"]
    assert text(page.select_one(".recording-card .meta")) == (
        "Example series · 20 November 2025 · Duration 0:12"
    )


def test_query_count_does_not_grow_with_the_recordings(
    client, archive_fr, session_fr, make_recording, django_assert_max_num_queries
):
    from cms.pagecache import invalidate

    counts = []
    for number in (1, 2, 3, 4):
        make_recording(session_fr(number), transcripts={"fr": [(0, "Bonjour.")]})
        client.get(archive_fr.url)
        invalidate()
        with django_assert_max_num_queries(ARCHIVE_LIMIT) as captured:
            page = soup(client.get(archive_fr.url))
        assert len(titles(page)) == number + 1
        counts.append(len(captured))
    assert len(set(counts)) == 1, counts
