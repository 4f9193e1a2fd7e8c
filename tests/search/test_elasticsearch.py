"""Elasticsearch 9: analysis settings, mappings, documents and request bodies, offline.

No cluster runs here, so everything the backend sends is built and checked without one:
the analysers and the query bodies are evaluated on known text and documents by
tests/search/es_offline.py, with the semantics Elasticsearch documents (what that does
and does not prove: search/README.md).
The tests marked ``elasticsearch`` run the same searches against a live cluster when
``ELASTICSEARCH_URL`` is set (see search/README.md), and are skipped otherwise.
"""

import os

import pytest
from wagtail.search.backends import get_search_backend

from cms import translation
from cms.models import StandardPage
from search.backends.elasticsearch import (
    FairvilleMapping,
    decode_response,
    site_search_body,
)
from search.backends.site import SiteQuery

from .es_offline import Analyser, Index
from .pages import publish_page
from .test_page import BAD_INPUT

BACKEND = "search.backends.elasticsearch"
pytestmark = pytest.mark.django_db


@pytest.fixture
def es_backend():
    return get_search_backend(BACKEND)


@pytest.fixture
def es_analysis(es_backend):
    return es_backend.settings["settings"]["analysis"]


# The same words as the database engines' analysis (tests/search/test_analysis.py), from
# the index settings evaluated as Elasticsearch documents them (tests/search/es_offline.py).
@pytest.mark.parametrize(
    ("analyser", "text", "terms"),
    [
        ("fairville_french", "L'école des co-productions", "ecol co product coproduct"),
        ("fairville_french", "Société ÉCOLE", "societ ecol"),
        ("fairville_french", "l'habitat d’une qu'on", "habitat"),
        ("fairville_french", "habitants habitant", "habit"),
        ("fairville_french", "co production", "coproduct"),
        ("fairville_french", "coproduction", "coproduct"),
        ("fairville_french", "bien-être", "bien etre bienetr"),
        ("fairville_french", "Œuvre cœur", "oeuvr coeur"),
        ("fairville_french", "the de la", "the"),
        ("fairville_english", "neighbourhoods neighbourhood", "neighbourhood"),
        ("fairville_english", "the city's co-op", "citi co op coop"),
        ("fairville_english", "the de la", "de la"),
        ("fairville_neutral", "Αθήνα القاهرة co-op", "αθηνα القاهرة co op coop"),
    ],
)
def test_the_index_analysers_give_the_words_people_search_for(es_analysis, analyser, text, terms):
    assert {token for _position, token in Analyser(es_analysis, analyser)(text)} == set(
        terms.split()
    )


def test_each_language_and_tier_is_analysed_with_its_language(es_analysis, home_fr):
    page = publish_page(home_fr, "Les écoles", intro="Des habitants.", body="Un jardin.")
    mapping = FairvilleMapping(StandardPage)
    index = Index(es_analysis, mapping.get_mapping(), [mapping.get_document(page)])
    assert {t for _p, t in index.analyse("fv_title_fr", "Les écoles")} == {"ecol"}
    assert {t for _p, t in index.analyse("fv_lead_en", "schools' neighbourhoods")} == {
        "school",
        "neighbourhood",
    }
    assert {t for _p, t in index.analyse("fv_body_und", "Les écoles")} == {"les", "ecoles"}


def test_search_bodies_find_the_documents_readers_expect(es_analysis, home_fr, home_en):
    pages = [
        publish_page(home_fr, "Coproduction de jardins", body="Une école et ses habitants."),
        publish_page(home_en, "Neighbourhood co-production", body="A school garden."),
        publish_page(home_fr, "Jardins ouvriers", body="Un potager, des jardins ouvriers."),
    ]
    mapping = FairvilleMapping(StandardPage)
    index = Index(es_analysis, mapping.get_mapping(), [mapping.get_document(p) for p in pages])

    def found(text, languages, filters=None):
        body = site_search_body(SiteQuery(text, languages, filters or {}))
        return sorted(doc["fv_title"] for doc in index.search(body["query"]))

    gardens, workers, neighbourhood = (
        "Coproduction de jardins",
        "Jardins ouvriers",
        "Neighbourhood co-production",
    )
    # The live tests' searches (below), on the documents as the index would hold them.
    assert found("ecole", ("fr",)) == [gardens]
    assert found("habitant", ("fr",)) == [gardens]
    assert found("co-production", ("fr",)) == [gardens]
    assert found("neighbourhoods", ("en",)) == [neighbourhood]
    assert found("co production", ("en",)) == [neighbourhood]
    assert found("ecole", ("en",)) == []
    assert found("co production", ("fr", "en")) == [gardens, neighbourhood]
    # Phrases keep their order, exclusions exclude, facets filter.
    assert found('"jardins ouvriers"', ("fr",)) == [workers]
    assert found('"ouvriers jardins"', ("fr",)) == []
    assert found("jardins -potager", ("fr",)) == [gardens]
    assert found("jardins", ("fr",), {"type": "page"}) == [gardens, workers]
    assert found("jardins", ("fr",), {"type": "session"}) == []


def test_documents_carry_their_text_in_their_own_language(home_fr):
    page = publish_page(home_fr, "L'habitat", intro="Des co-productions.", body="Un jardin.")
    english = translation.translate(
        page,
        "en",
        {
            "L'habitat": "Housing",
            "Des co-productions.": "Co-productions.",
            "Un jardin.": "A garden.",
        },
        strict=False,
    )
    french_doc = FairvilleMapping(StandardPage).get_document(page)
    assert french_doc["fv_title_fr"] == "L'habitat"
    assert french_doc["fv_lead_fr"] == "Des co-productions."
    assert "A garden" not in str(french_doc) and "fv_title_en" not in french_doc
    assert french_doc["fv_language"] == "fr" and french_doc["fv_public"] is True
    assert french_doc["fv_facets"] == ["type:page"]
    english_doc = FairvilleMapping(StandardPage).get_document(english)
    assert english_doc["fv_body_en"] == "A garden." and english_doc["fv_language"] == "en"


def test_site_search_body_searches_each_language_with_its_own_analysis():
    body = site_search_body(
        SiteQuery("co production l'habitat", ("fr", "en"), {"lab": "marseille"}, 20, 10)
    )
    french, english = body["query"]["bool"]["must"][0]["bool"]["should"]
    assert french["bool"]["filter"] == [{"term": {"fv_language": "fr"}}]
    clauses = french["bool"]["must"][0]["bool"]["must"]
    assert clauses[0]["multi_match"]["query"] == "coproduction"
    assert clauses[0]["multi_match"]["fields"] == [
        "fv_title_fr^10",
        "fv_lead_fr^4",
        "fv_body_fr^1",
        "fv_labels_fr^0.2",
    ]
    assert clauses[1]["multi_match"]["query"] == "habitat"  # French elision
    assert english["bool"]["filter"] == [{"term": {"fv_language": "en"}}]
    assert {"term": {"fv_facets": "lab:marseille"}} in body["query"]["bool"]["filter"]
    assert {"term": {"fv_public": True}} in body["query"]["bool"]["filter"]
    assert body["aggs"]["facets"]["terms"]["field"] == "fv_facets"
    assert (body["from"], body["size"], body["track_total_hits"]) == (20, 10, True)


def test_phrases_exclusions_and_compounds_compile_to_dsl():
    body = site_search_body(SiteQuery('"jardins ouvriers" -potager bien-être', ("fr",)))
    query = body["query"]["bool"]["must"][0]["bool"]["must"][0]["bool"]
    keep = query["must"][0]["bool"]["must"]
    assert keep[0]["multi_match"] == {
        "query": "jardin ouvrier",
        "fields": ["fv_title_fr^10", "fv_lead_fr^4", "fv_body_fr^1", "fv_labels_fr^0.2"],
        "type": "phrase",
    }
    alternatives = keep[1]["bool"]["should"]
    assert alternatives[0]["multi_match"]["query"] == "bienetre"
    assert alternatives[1]["multi_match"]["type"] == "phrase"
    assert query["must_not"][0]["multi_match"]["query"] == "potager"


@pytest.mark.parametrize("text", BAD_INPUT)
def test_any_input_gives_a_body_or_nothing_to_search(text):
    body = site_search_body(SiteQuery(text, ("fr", "en"), {"type": text[:50]}))
    assert body is None or body["query"]["bool"]["must"]


def test_wagtail_queryset_search_uses_the_language_fields(home_fr):
    results = StandardPage.objects.live().search("neighbourhoods", backend=BACKEND)
    body = results._get_es_body()
    should = body["query"]["bool"]["must"]["bool"]["should"]
    english = next(c for c in should if c["bool"]["filter"] == [{"term": {"fv_language": "en"}}])
    assert english["bool"]["must"][0]["multi_match"]["fields"][0] == "fv_title_en^10"
    assert body["query"]["bool"]["filter"]  # Wagtail's content type and live filters


def test_responses_decode_to_hits_and_facet_counts():
    hits, total, facets = decode_response(
        {
            "hits": {
                "total": {"value": 42, "relation": "eq"},
                "hits": [
                    {
                        "_id": "7",
                        "_score": 3.5,
                        "_source": {
                            "pk": "7",
                            "fv_content_type": 12,
                            "fv_kind": "page",
                            "fv_language": "fr",
                            "fv_title": "Jardins",
                            "fv_text": "Des potagers.",
                        },
                    }
                ],
            },
            "aggregations": {
                "facets": {
                    "buckets": [
                        {"key": "type:page", "doc_count": 40},
                        {"key": "lab:marseille", "doc_count": 2},
                    ]
                }
            },
        }
    )
    assert total == 42
    assert (hits[0].object_id, hits[0].content_type_id, hits[0].title) == ("7", 12, "Jardins")
    assert facets == {"type": {"page": 40}, "lab": {"marseille": 2}}


# -- against a live cluster --------------------------------------------------------------

live = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against",
)


@pytest.fixture
def cluster():
    backend = get_search_backend(
        BACKEND,
        URLS=[os.environ["ELASTICSEARCH_URL"]],
        INDEX_PREFIX="fairville_test_",
    )
    yield backend
    for name in backend.site_indices():
        backend.es.indices.delete(index=name, ignore_unavailable=True)


def _index(backend, *pages):
    for model in {type(page) for page in pages}:
        index = backend.get_index_for_model(model)
        index.reset()
        index.add_model(model)
    for page in pages:
        backend.add(page)
    backend.refresh_indexes()


@pytest.mark.elasticsearch
@live
def test_live_analysis_folds_elides_and_joins(cluster):
    index = cluster.get_index_for_model(StandardPage)
    index.reset()
    tokens = cluster.es.indices.analyze(
        index=index.name, analyzer="fairville_french", text="L'école des co-productions"
    )["tokens"]
    assert {"ecol", "coproduct"} <= {token["token"] for token in tokens}


@pytest.mark.elasticsearch
@live
def test_live_site_search_matches_accents_plurals_and_compounds(cluster, home_fr, home_en):
    french = publish_page(home_fr, "Coproduction de jardins", body="Une école et ses habitants.")
    english = publish_page(home_en, "Neighbourhood co-production", body="A school garden.")
    _index(cluster, french, english)
    for text, language, title in [
        ("ecole", "fr", "Coproduction de jardins"),
        ("habitant", "fr", "Coproduction de jardins"),
        ("co-production", "fr", "Coproduction de jardins"),
        ("neighbourhoods", "en", "Neighbourhood co-production"),
        ("co production", "en", "Neighbourhood co-production"),
    ]:
        found = cluster.site_search(SiteQuery(text, (language,)))
        assert title in [hit.title for hit in found.hits], (text, language)
        assert found.facets["type"]["page"] >= 1
    assert cluster.site_search(SiteQuery("ecole", ("en",))).total == 0
