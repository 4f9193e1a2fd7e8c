"""Results in several languages, merged by each language's own ranking.

"Include results in other languages" searches each language with its own analysis (its
stemmer, its stop words, its statistics), so a French score and an English score are not
comparable: merged by raw score, the reader's language or the other one wins by an
artefact of the analysers. The hits are merged by place instead: the first hit of each
language, the reader's language first, then the second of each, and so on. The demo has
every case study in French and English, so `habitants` (French reader, English searched
for habitants OR residents) finds parallel rankings in both languages.
"""

import pytest
from wagtail.search.backends import get_search_backend

from search.backends.elasticsearch import decode_responses, site_search_bodies
from search.backends.site import SiteQuery
from search.service import ranked_ids
from tests.helpers import soup

from .pages import publish_page

pytestmark = pytest.mark.django_db


def ranking(backend, text, language, translate_from, limit=40):
    """One language's own ranking of the query (document ids, best first)."""
    query = SiteQuery(text, (language,), {}, 0, limit, translate_from)
    return [hit.id for hit in backend.site_search(query).hits]


def alternate(first, second):
    """The first of each, then the second of each...: what the merge must give."""
    merged = []
    for place in range(max(len(first), len(second))):
        merged += [ranking[place] for ranking in (first, second) if place < len(ranking)]
    return merged


@pytest.fixture
def backend():
    return get_search_backend()


@pytest.fixture
def small_rank_window(backend, monkeypatch):
    """Rank only 3 candidates per search, so that a second page reaches the hits ranked
    after them (most recent first), as a query matching most of a large site does."""
    module = __import__(type(backend).__module__, fromlist=["RANK_CANDIDATES"])
    monkeypatch.setattr(module, "RANK_CANDIDATES", 3)


@pytest.mark.parametrize("reader", ["fr", "en"])
def test_each_language_keeps_its_own_order_the_reader_s_first(backend, reader):
    other = "en" if reader == "fr" else "fr"
    text = "habitants" if reader == "fr" else "residents"
    own, theirs = ranking(backend, text, reader, reader), ranking(backend, text, other, reader)
    assert len(own) >= 10 and len(theirs) >= 10
    merged = backend.site_search(SiteQuery(text, ("fr", "en"), {}, 0, 20, reader))
    assert [hit.id for hit in merged.hits] == alternate(own, theirs)[:20]
    assert [hit.language for hit in merged.hits[:4]] == [reader, other, reader, other]
    assert merged.total == len(own) + len(theirs)


def test_the_other_language_s_best_page_is_second_on_the_results_page(client, backend):
    best_english = backend.site_search(SiteQuery("habitants", ("en",), {}, 0, 1, "fr")).hits[0]
    page = soup(client.get("/fr/recherche/", {"q": "habitants", "lang": "all"}))
    items = page.select(".search-hit")
    titles = [item.select_one(".search-hit__title a").get_text().strip() for item in items]
    assert titles[1] == best_english.title
    assert items[1].get("lang") == "en" and items[0].get("lang") is None


def test_every_page_of_a_merged_search_follows_the_merge_past_the_ranked_candidates(
    backend, small_rank_window
):
    own, theirs = (
        ranking(backend, "habitants", "fr", "fr"),
        ranking(backend, "habitants", "en", "fr"),
    )
    merged = alternate(own, theirs)
    pages = [
        [
            hit.id
            for hit in backend.site_search(
                SiteQuery("habitants", ("fr", "en"), {}, offset, 10, "fr")
            ).hits
        ]
        for offset in range(0, len(merged), 10)
    ]
    assert [hit for page in pages for hit in page] == merged


@pytest.fixture
def shared_word(home_fr, home_en):
    """Four pages a language with a word both languages use (the library searches each
    language as typed): the French ones name it in their titles, the English ones in their
    bodies only, so by raw score every French page would come first."""
    french = [publish_page(home_fr, f"Zyxocoop {n}", body="Rien.") for n in range(4)]
    english = [publish_page(home_en, f"Page {n}", body="A zyxocoop.") for n in range(4)]
    return french, english


def test_the_library_s_ranked_ids_merge_languages_the_same_way(shared_word):
    fr = ranked_ids("zyxocoop", "page", ["fr"])
    en = ranked_ids("zyxocoop", "page", ["en"])
    assert sorted(fr) == sorted(str(page.pk) for page in shared_word[0]) and len(en) == 4
    assert ranked_ids("zyxocoop", "page", ["fr", "en"]) == alternate(fr, en)
    assert ranked_ids("zyxocoop", "page", ["fr", "en"], limit=5) == alternate(fr, en)[:5]


def test_the_library_s_ranked_ids_merge_past_the_ranked_candidates(shared_word, small_rank_window):
    fr = ranked_ids("zyxocoop", "page", ["fr"])
    en = ranked_ids("zyxocoop", "page", ["en"])
    assert len(fr) == 4 and len(en) == 4
    assert ranked_ids("zyxocoop", "page", ["fr", "en"]) == alternate(fr, en)


def test_elasticsearch_counts_once_and_ranks_each_language_on_its_own():
    """Offline (no cluster here): the bodies sent in one _msearch."""
    asked = SiteQuery("habitants", ("fr", "en"), {"lab": "dakar"}, 20, 10, "en")
    counting, *languages = site_search_bodies(asked)
    assert counting["size"] == 0 and counting["track_total_hits"] is True
    assert counting["aggs"]["facets"]["terms"]["field"] == "fv_facets"
    # The reader's language first, each body filtered to its language, from the start
    # to the end of the page asked for, without facets.
    assert [body["query"]["bool"]["must"][0]["bool"]["filter"] for body in languages] == [
        [{"term": {"fv_language": "en"}}],
        [{"term": {"fv_language": "fr"}}],
    ]
    for body in languages:
        assert (body["from"], body["size"], "aggs" in body) == (0, 30, False)
        assert {"term": {"fv_facets": "lab:dakar"}} in body["query"]["bool"]["filter"]
    # One language: one body, as before.
    assert len(site_search_bodies(SiteQuery("habitants", ("fr",)))) == 1


def _response(language, scores, total=None):
    hits = [
        {
            "_id": f"{language}{number}",
            "_score": score,
            "_source": {
                "pk": f"{language}{number}",
                "fv_content_type": 1,
                "fv_kind": "page",
                "fv_language": language,
                "fv_title": f"{language} {number}",
            },
        }
        for number, score in enumerate(scores)
    ]
    found = {"hits": {"total": {"value": total or len(hits)}, "hits": hits}}
    if total is not None:
        found["aggregations"] = {"facets": {"buckets": [{"key": "type:page", "doc_count": 6}]}}
    return found


def test_elasticsearch_responses_merge_by_place_not_by_score():
    """Responses as a cluster would send them (made up here: no cluster runs in the suite),
    English scores all far below French ones: the merge still alternates."""
    asked = SiteQuery("habitants", ("fr", "en"), {}, 2, 3, "fr")
    responses = [
        {"hits": {"total": {"value": 6}, "hits": []}, **_response("fr", [], total=6)},
        _response("fr", [9.0, 8.0, 7.0]),
        _response("en", [0.3, 0.2, 0.1]),
    ]
    hits, total, facets = decode_responses(responses, asked)
    assert [hit.object_id for hit in hits] == ["fr1", "en1", "fr2"]
    assert (total, facets) == (6, {"type": {"page": 6}})
    with pytest.raises(RuntimeError, match="refused"):
        decode_responses([*responses[:2], {"error": {"type": "search_phase_execution"}}], asked)
