"""Transcripts in the site search: "minute 0:09 of session …", linking to that moment."""

import pytest

from search.models import IndexedDocument

from .conftest import soup, text

pytestmark = pytest.mark.django_db


def hits(client, url, **params):
    page = soup(client.get(url, params))
    return [
        (text(hit.select_one(".search-hit__title")), hit.select_one("a")["href"])
        for hit in page.select(".search-hit")
    ]


def test_a_transcript_moment_is_found_and_linked(client, recording_fr):
    results = hits(client, "/fr/recherche/", q="sous-titres lecteur", type="transcript")
    title, url = results[0]
    assert title == (
        "Minute 0:09 de la session Session d'exemple — enregistrement et transcription"
    )
    assert url == f"{recording_fr.url}?transcript=fr&t=9#t-9"
    # Following the link lands on that moment: the paragraph, and the player's start.
    page = soup(client.get(url.split("#")[0]))
    assert page.select_one("#t-9.is-current") is not None
    assert page.select_one("video source")["src"].endswith("#t=9")


def test_english_transcripts_in_english_with_english_labels(client, recording_en):
    results = hits(client, "/en/search/", q="captions player", type="transcript")
    assert results[0] == (
        "Minute 0:09 of session Example session — recording and transcript",
        f"{recording_en.url}?transcript=en&t=9#t-9",
    )
    page = soup(client.get("/en/search/", {"q": "captions player"}))
    types = [text(a) for a in page.select(".search-facet a")]
    assert any(label.startswith("Transcripts") for label in types)


def test_recordings_are_a_kind_of_result(client, recording_fr):
    results = hits(client, "/fr/recherche/", q="enregistrement d'exemple", type="recording")
    assert results[0] == ("Enregistrement d'exemple", recording_fr.url)


def test_an_unpublished_recording_takes_its_transcript_out_of_the_search(client, recording_fr):
    segments = IndexedDocument.objects.filter(kind="transcript", language="fr")
    assert segments.count() == 4 and all(segments.values_list("public", flat=True))
    recording_fr.unpublish()
    assert not IndexedDocument.objects.filter(kind="transcript", language="fr").exists()
    assert hits(client, "/fr/recherche/", q="sous-titres lecteur", type="transcript") == []
    recording_fr.get_latest_revision().publish()
    assert IndexedDocument.objects.filter(kind="transcript", language="fr").count() == 4


def test_a_private_recording_takes_its_transcript_out_of_the_search(client, recording_fr):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=recording_fr, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert hits(client, "/fr/recherche/", q="sous-titres lecteur", type="transcript") == []


def test_moments_of_one_recording_look_the_recording_up_once(
    client, session_fr, make_recording, django_assert_max_num_queries
):
    """A page of results holding ten moments of one recording finds its recording page
    (in the transcript's language) once, not once per moment."""
    recording = make_recording(
        session_fr(2),
        transcripts={"fr": [(s * 60, f"Le mot zanzibarien, minute {s}.") for s in range(10)]},
    )
    with django_assert_max_num_queries(60) as captured:
        results = hits(client, "/fr/recherche/", q="zanzibarien", type="transcript")
    assert len(results) == 10
    assert {url.split("?")[0] for _title, url in results} == {recording.url}
    lookups = [
        query["sql"]
        for query in captured.captured_queries
        if 'FROM "event_sessions_recordingpage"' in query["sql"]
        and '"wagtailcore_page"."translation_key" IN ' in query["sql"]
    ]
    assert len(lookups) == 1, lookups


def test_indexing_moments_reads_each_recording_visibility_once_per_batch(
    session_fr, make_recording
):
    """The moments of a private recording are indexed as not public, those of a public
    one as public, and one batch reads the pages' view restrictions once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageViewRestriction

    from search.documents import build_many
    from sessions.models import TranscriptSegment

    public = make_recording(
        session_fr(2), transcripts={"fr": [(s * 60, f"Public, minute {s}.") for s in range(5)]}
    )
    private = make_recording(
        session_fr(2), transcripts={"fr": [(s * 60, f"Privé, minute {s}.") for s in range(5)]}
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    segments = list(TranscriptSegment.objects.filter(transcript__recording__in=[public, private]))
    with CaptureQueriesContext(connection) as captured:
        documents = build_many(TranscriptSegment, segments)
    flags = {
        (segment.transcript.recording_id, document.public)
        for segment, document in zip(segments, documents, strict=True)
    }
    assert flags == {(public.pk, True), (private.pk, False)}
    restrictions = [
        query["sql"]
        for query in captured.captured_queries
        if 'FROM "wagtailcore_pageviewrestriction"' in query["sql"]
    ]
    assert len(restrictions) == 1, restrictions


def test_moments_of_many_recordings_cost_the_queries_of_one(
    client, session_fr, make_recording, settings
):
    """A page of results whose moments come from five recordings (each under its own
    session) runs as many queries as one whose moments all come from one: the
    recordings' pages and their sessions are looked up together."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.FAIRVILLE_SEARCH_CACHE_SECONDS = 0  # every search runs
    make_recording(
        session_fr(2),
        transcripts={"fr": [(s * 60, f"Le mot zanzibarien, minute {s}.") for s in range(10)]},
    )
    recordings = [
        make_recording(
            session_fr(number),
            transcripts={"fr": [(s * 60, f"Le mot kalamazien, minute {s}.") for s in range(2)]},
        )
        for number in range(1, 6)
    ]

    def search(word):
        hits(client, "/fr/recherche/", q=word, type="transcript")  # the same warm-up each
        with CaptureQueriesContext(connection) as captured:
            results = hits(client, "/fr/recherche/", q=word, type="transcript")
        return results, len(captured.captured_queries)

    one, queries_for_one = search("zanzibarien")
    many, queries_for_many = search("kalamazien")
    assert len(one) == len(many) == 10
    assert {url.split("?")[0] for _title, url in many} == {page.url for page in recordings}
    # Each title names its own recording's session.
    sessions = {title.rsplit("session ", 1)[1] for title, _url in many}
    assert sessions == {session_fr(number).label for number in range(1, 6)}
    assert queries_for_many == queries_for_one


def test_a_page_of_moments_reads_its_segments_transcripts_and_recordings_in_one_query(
    client, session_fr, make_recording, settings
):
    """A page of moments reads its segments with their transcripts and recordings in one
    query, not one for each relation: each query is a round trip to the database server."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.FAIRVILLE_SEARCH_CACHE_SECONDS = 0  # every search runs
    for number in (1, 2, 3):
        make_recording(
            session_fr(number),
            transcripts={"fr": [(s * 60, f"Le mot tamaricien, minute {s}.") for s in range(3)]},
        )
    hits(client, "/fr/recherche/", q="tamaricien", type="transcript")
    with CaptureQueriesContext(connection) as captured:
        results = hits(client, "/fr/recherche/", q="tamaricien", type="transcript")
    assert len(results) == 9
    assert {title.rsplit("session ", 1)[1] for title, _url in results} == {
        session_fr(number).label for number in (1, 2, 3)
    }

    def reading(table):
        return [query["sql"] for query in captured.captured_queries if table in query["sql"]]

    segments = reading('FROM "event_sessions_transcriptsegment"')
    assert len(segments) == 1
    assert reading('"event_sessions_transcript"."recording_id"') == segments
    assert reading('FROM "event_sessions_transcript" ') == []
    assert 'JOIN "event_sessions_recordingpage"' in segments[0]


def test_a_page_of_moments_reads_no_site(client, session_fr, make_recording):
    """Their links are made for the request's site that the results cache keeps, as a
    page's are: not looked up again with the sites' root pages for each results page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search import results_cache

    recording = make_recording(
        session_fr(1),
        transcripts={"fr": [(s * 60, f"Le mot tamaricien, minute {s}.") for s in range(3)]},
    )
    hits(client, "/fr/recherche/", q="tamaricien", type="transcript")  # the site kept
    results_cache.bump()  # as any write to the index does: the next page is searched
    with CaptureQueriesContext(connection) as captured:
        results = hits(client, "/fr/recherche/", q="tamaricien", type="transcript")
    assert sorted(url for _title, url in results) == sorted(
        f"{recording.url}?transcript=fr&t={s * 60}#t-{s * 60}" for s in range(3)
    )
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert 'FROM "event_sessions_transcriptsegment"' in tables  # searched, not kept
    assert 'FROM "wagtailcore_site"' not in tables


def test_a_moment_whose_translated_recording_is_private_links_to_the_source(
    client, recording_fr, recording_en
):
    """An English moment of a recording whose English page is private links to the
    public French page, at that moment, with the English transcript."""
    from wagtail.models import PageViewRestriction

    assert hits(client, "/en/search/", q="captions player", type="transcript")[0][1] == (
        f"{recording_en.url}?transcript=en&t=9#t-9"
    )
    PageViewRestriction.objects.create(
        page=recording_en, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    title, url = hits(client, "/en/search/", q="captions player", type="transcript")[0]
    assert url == f"{recording_fr.url}?transcript=en&t=9#t-9"
    assert title.startswith("Minute 0:09 of session ")
    assert client.get(url.split("#")[0]).status_code == 200


def test_a_page_of_moments_reads_only_what_its_links_and_titles_show(
    client, session_fr, make_recording, settings
):
    """A moment's link and title need a few columns of its recording page and session
    (path, URL path, live flag, title, number): a page of moments reads those, not the
    pages' whole rows, and so never the session's private meeting link."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.FAIRVILLE_SEARCH_CACHE_SECONDS = 0  # every search runs
    session = session_fr(1)
    session.meeting_url = "https://meet.example.org/private-room"
    session.save_revision().publish()
    make_recording(
        session,
        transcripts={"fr": [(s * 60, f"Le mot tamaricien, minute {s}.") for s in range(3)]},
    )
    hits(client, "/fr/recherche/", q="tamaricien", type="transcript")
    with CaptureQueriesContext(connection) as captured:
        results = hits(client, "/fr/recherche/", q="tamaricien", type="transcript")
    assert [title for title, _url in results] == [
        f"Minute {s}:00 de la session {session.label}" for s in range(3)
    ]
    queries = [
        query["sql"]
        for query in captured.captured_queries
        if 'FROM "event_sessions_' in query["sql"]
    ]
    segments, recordings, sessions = (
        [sql for sql in queries if f'FROM "event_sessions_{table}"' in sql]
        for table in ("transcriptsegment", "recordingpage", "sessionpage")
    )
    assert len(segments) == len(recordings) == len(sessions) == 1
    unread = ["draft_title", "search_description", "latest_revision_id", "seo_title"]
    for sql in segments + recordings:
        for column in [*unread, "intro", "takeaways", "duration", "poster_id"]:
            assert f'."{column}"' not in sql
    for column in [*unread, "meeting_url", "meeting_passcode", "body", "intro"]:
        assert f'."{column}"' not in sessions[0]


def test_a_kept_results_page_is_text_in_its_readers_language(client, recording_fr, recording_en):
    """What the results cache keeps of a page holds its labels as text, not as lazy
    translations (read back from the cache, each of those was rebuilt, a class of its
    own each time: most of a cache hit's time). Each reader's language is its own
    entry, so the text kept is the reader's, read again as it was shown."""
    from django.core.cache.backends.locmem import LocMemCache

    from search import results_cache

    def shown(url, query):
        page = soup(client.get(url, {"q": query}))
        return (
            [text(h3) for h3 in page.select(".search-facet h3")],
            sorted({text(badge) for badge in page.select(".search-hit__kind .badge")}),
        )

    asked = [("/fr/recherche/", "sous-titres lecteur"), ("/en/search/", "captions player")]
    first = [shown(*question) for question in asked]
    results_cache.reset_stats()
    assert [shown(*question) for question in asked] == first
    assert results_cache.stats()["hits"] == 2
    assert first == [
        (["Type", "Année"], ["Enregistrements", "Transcriptions"]),
        (["Type", "Year"], ["Recordings", "Transcripts"]),
    ]
    store = results_cache.store()
    assert isinstance(store, LocMemCache)  # the test settings' cache: its entries are pickles
    kept = list(store._cache.values())
    lazy = [value for value in kept if b"_lazy_proxy_unpickle" in value]
    assert kept and not lazy, f"{len(lazy)} of {len(kept)} kept values hold lazy translations"
