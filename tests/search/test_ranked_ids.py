"""search.service.ranked_ids: the whole ranked set of one kind, for pages that list it
themselves (the library), with the search page's analysis, text and ranking."""

from dataclasses import replace

import pytest
from wagtail.search.backends import get_search_backend

from cms.models import StandardPage
from search.backends.elasticsearch import MAX_IDS, FairvilleMapping, site_ids_body
from search.backends.site import SiteQuery
from search.service import ranked_ids

from .es_offline import Index
from .pages import publish_page

pytestmark = pytest.mark.django_db


def test_every_match_of_the_kind_comes_back_best_first(home_fr, home_en):
    body_only = publish_page(home_fr, "Jardins partagés", body="Une école du quartier.")
    in_title = publish_page(home_fr, "L'école des voisins", body="Des jardins.")
    english = publish_page(home_en, "School gardens", body="An école garden.")
    publish_page(home_fr, "Potagers", body="Rien de commun.")
    draft = publish_page(home_fr, "Écoles fermées", body="Une école.")
    draft.unpublish()

    # Accents folded, the title match ranked first, drafts left out.
    assert ranked_ids("ecole", "page", ["fr"]) == [str(in_title.pk), str(body_only.pk)]
    # Each language with its own analysis; every language by default.
    assert ranked_ids("ecole", "page", ["en"]) == [str(english.pk)]
    assert set(ranked_ids("ecole", "page")) == {str(p.pk) for p in (in_title, body_only, english)}
    # Only the kind asked for.
    assert ranked_ids("ecole", "session", ["fr"]) == []


@pytest.mark.parametrize(
    "text", ["", "   ", "le la les", '"', "*", "NEAR(", "-", "é" * 10_000, "\x00<b>x</b>"]
)
def test_any_input_gives_ids_or_nothing(home_fr, text):
    publish_page(home_fr, "Jardins", body="Une école.")
    assert isinstance(ranked_ids(text, "page"), list)


def test_past_the_ranked_candidates_every_hit_still_comes_once(home_fr, settings, monkeypatch):
    backend = get_search_backend()
    module = __import__(type(backend).__module__, fromlist=["RANK_CANDIDATES"])
    monkeypatch.setattr(module, "RANK_CANDIDATES", 2)
    pages = [publish_page(home_fr, f"Page {i}", body="Une école.") for i in range(5)]
    titled = publish_page(home_fr, "École", body="Rien.")
    found = ranked_ids("ecole", "page", ["fr"])
    assert sorted(found) == sorted(str(p.pk) for p in [*pages, titled])
    assert found[0] == str(titled.pk)


def test_the_elasticsearch_body_asks_for_ids_only_and_finds_the_same(home_fr):
    backend = get_search_backend("search.backends.elasticsearch")
    pages = [
        publish_page(home_fr, "Jardins partagés", body="Une école du quartier."),
        publish_page(home_fr, "Potagers", body="Rien de commun."),
    ]
    mapping = FairvilleMapping(StandardPage)
    index = Index(
        backend.settings["settings"]["analysis"],
        mapping.get_mapping(),
        [mapping.get_document(page) for page in pages],
    )
    body = site_ids_body(SiteQuery("ecole", ("fr",), {"type": "page"}))
    assert "aggs" not in body and body["_source"] == ["pk"]
    assert body["from"] == 0 and body["size"] == MAX_IDS
    assert [str(doc["pk"]) for doc in index.search(body["query"])] == [str(pages[0].pk)]
    assert site_ids_body(SiteQuery("le la", ("fr",), {"type": "page"})) is None


def test_ids_translate_the_known_terms_when_asked(home_fr, home_en):
    # The library's keywords for versions in other languages (practices.listing): the
    # glossary pairs voisin·e·s and neighbours.
    from search.service import keyword_ids, matching_ids

    french = publish_page(home_fr, "Le jardin des voisins", body="Des tournesols.")
    english = publish_page(home_en, "Neighbours plant sunflowers", body="A garden.")
    assert ranked_ids("neighbours", "page", ["en", "fr"]) == [str(english.pk)]
    both = ranked_ids("neighbours", "page", ["en", "fr"], translate_from="en")
    assert both == [str(english.pk), str(french.pk)]  # the reader's language first
    assert sorted(matching_ids("neighbours", "page", ["fr"], translate_from="en")) == [
        str(french.pk)
    ]
    first, every = keyword_ids("neighbours", "page", ["en", "fr"], limit=1, translate_from="en")
    assert first == [str(english.pk)]
    assert sorted(every) == sorted([str(english.pk), str(french.pk)])
    # Unknown words are searched as typed.
    assert ranked_ids("tournesols", "page", ["en", "fr"], translate_from="en") == [str(french.pk)]

    # The Elasticsearch body translates them the same way (checked offline).
    backend = get_search_backend("search.backends.elasticsearch")
    mapping = FairvilleMapping(StandardPage)
    index = Index(
        backend.settings["settings"]["analysis"],
        mapping.get_mapping(),
        [mapping.get_document(french)],
    )
    query = SiteQuery("neighbours", ("fr",), {"type": "page"}, translate_from="en")
    assert [str(doc["pk"]) for doc in index.search(site_ids_body(query)["query"])] == [
        str(french.pk)
    ]
    assert index.search(site_ids_body(replace(query, translate_from=""))["query"]) == []


def test_the_first_ranked_ids_and_the_unranked_set_agree_with_the_whole_ranking(
    home_fr, monkeypatch
):
    from search.service import matching_ids

    backend = get_search_backend()
    module = __import__(type(backend).__module__, fromlist=["RANK_CANDIDATES"])
    monkeypatch.setattr(module, "RANK_CANDIDATES", 3)
    for i in range(6):
        publish_page(home_fr, f"Page {i}", body="Une école." * (i + 1))
    publish_page(home_fr, "École", body="Rien.")
    publish_page(home_fr, "Potager", body="Rien.")
    every = ranked_ids("ecole", "page", ["fr"])
    assert len(every) == 7
    # Within the ranked candidates and past them: always the start of the whole ranking.
    for limit in (1, 2, 3, 5, 7, 50):
        assert ranked_ids("ecole", "page", ["fr"], limit=limit) == every[:limit]
    assert sorted(matching_ids("ecole", "page", ["fr"])) == sorted(every)
    assert matching_ids("ecole", "session", ["fr"]) == []
    assert matching_ids("le la", "page", ["fr"]) == []


def test_the_elasticsearch_bodies_ask_for_the_first_ids_or_every_id_unscored():
    query = SiteQuery("ecole", ("fr",), {"type": "page"})
    assert site_ids_body(query, limit=40)["size"] == 40
    assert site_ids_body(query, limit=10 * MAX_IDS)["size"] == MAX_IDS
    assert "sort" not in site_ids_body(query, limit=40)  # ranked: by score
    unranked = site_ids_body(query, ranked=False)
    assert unranked["sort"] == ["_doc"] and unranked["size"] == MAX_IDS
    assert unranked["query"] == site_ids_body(query)["query"]


class OfflineCluster:
    """The Elasticsearch client's search and point-in-time calls answered from
    tests/search/es_offline.py (no cluster runs here): each body's query is evaluated on
    the documents, ``from``/``size`` and ``search_after`` page through them in index
    order (every score equal, so ``_shard_doc``, a hit's position here, orders them)."""

    def __init__(self, index):
        self.index = index
        self.requests = []
        self.open = set()

    def open_point_in_time(self, index, keep_alive):
        pit_id = f"pit{len(self.requests)}"
        self.open.add(pit_id)
        return {"id": pit_id}

    def close_point_in_time(self, id):
        self.open.remove(id)

    def msearch(self, index, searches):
        """Each body of an _msearch (header, body, header, body...), answered in turn."""
        return {"responses": [self.search(index=index, **body) for body in searches[1::2]]}

    def search(self, index=None, **body):
        self.requests.append((index, body))
        # Elasticsearch refuses an index with a point in time, and needs one without.
        assert (index is None) == ("pit" in body), body
        docs = self.index.search(body["query"])
        if "pit" in body:
            assert body["pit"]["id"] in self.open and "from" not in body
            start = body["search_after"][-1] + 1 if "search_after" in body else 0
        else:
            start = body["from"]
        page = docs[start : start + body["size"]]
        hits = [
            {
                "_source": {"pk": doc["pk"]},
                "sort": [*([1.0] if len(body.get("sort", [])) > 1 else []), start + i],
            }
            for i, doc in enumerate(page)
        ]
        return {"hits": {"hits": hits}, **({"pit_id": body["pit"]["id"]} if "pit" in body else {})}


def test_elasticsearch_returns_every_match_past_its_result_window(home_fr, monkeypatch):
    from search.backends import elasticsearch

    backend = get_search_backend("search.backends.elasticsearch")
    matching = [publish_page(home_fr, f"Page {i}", body="Une école.") for i in range(7)]
    other = publish_page(home_fr, "Potager", body="Rien de commun.")
    mapping = FairvilleMapping(StandardPage)
    documents = [mapping.get_document(page) for page in [matching[0], other, *matching[1:]]]
    cluster = OfflineCluster(
        Index(backend.settings["settings"]["analysis"], mapping.get_mapping(), documents)
    )
    backend.es = cluster
    # A result window of 3 ids stands for Elasticsearch's 10,000.
    monkeypatch.setattr(elasticsearch, "MAX_IDS", 3)
    query = SiteQuery("ecole", ("fr",), {"type": "page"})
    expected = [str(page.pk) for page in matching]

    assert backend.site_id_set(query) == expected  # every match, each once
    assert not cluster.open  # the point in time is closed
    first, *pages = cluster.requests
    assert first[0] == backend.site_indices() and first[1]["size"] == 3
    assert [body["size"] for _, body in pages] == [3, 3, 3]
    assert [body.get("search_after") for _, body in pages] == [None, [2], [5]]
    assert all(body["sort"] == [{"_shard_doc": {"order": "asc"}}] for _, body in pages)

    cluster.requests.clear()
    assert backend.site_ids(query, limit=5) == expected[:5]  # ranked: score, then _shard_doc
    assert [body["size"] for _, body in cluster.requests] == [3, 3, 2]
    assert cluster.requests[1][1]["sort"][0] == {"_score": {"order": "desc"}}

    cluster.requests.clear()
    assert backend.site_ids(query, limit=2) == expected[:2]
    assert len(cluster.requests) == 1 and not cluster.open  # within the window: one request


def test_the_elasticsearch_page_body_goes_on_through_a_point_in_time():
    from search.backends.elasticsearch import site_ids_page_body

    query = SiteQuery("ecole", ("fr",), {"type": "page"})
    body = site_ids_page_body(query, "pit-a", after=[0.5, 41], size=4 * MAX_IDS)
    assert body["pit"] == {"id": "pit-a", "keep_alive": "1m"}
    assert body["search_after"] == [0.5, 41] and "from" not in body
    assert body["size"] == MAX_IDS and body["_source"] == ["pk"] and "aggs" not in body
    assert body["sort"] == [{"_score": {"order": "desc"}}, {"_shard_doc": {"order": "asc"}}]
    assert body["query"] == site_ids_body(query)["query"]
    assert "search_after" not in site_ids_page_body(query, "pit-a")
    assert site_ids_page_body(SiteQuery("le la", ("fr",), {"type": "page"}), "pit-a") is None


def test_elasticsearch_ranks_each_language_s_ids_apart_and_merges_them_by_place(
    home_fr, home_en, monkeypatch
):
    """As the database engines and the site search do: a language's ids are ranked by
    its own body, with its own analysis and statistics, and the languages alternate. One
    body over every language ranked them by raw score (here, with every score equal
    offline, in index order: every French page first)."""
    from search.backends import elasticsearch

    backend = get_search_backend("search.backends.elasticsearch")
    french = [publish_page(home_fr, f"Zyxocoop {n}", body="Rien.") for n in range(3)]
    english = [publish_page(home_en, f"Page {n}", body="A zyxocoop.") for n in range(3)]
    mapping = FairvilleMapping(StandardPage)
    cluster = OfflineCluster(
        Index(
            backend.settings["settings"]["analysis"],
            mapping.get_mapping(),
            [mapping.get_document(page) for page in [*french, *english]],
        )
    )
    backend.es = cluster
    query = SiteQuery("zyxocoop", ("fr", "en"), {"type": "page"})
    fr, en = [str(page.pk) for page in french], [str(page.pk) for page in english]
    merged = [fr[0], en[0], fr[1], en[1], fr[2], en[2]]

    assert backend.site_ids(query) == merged
    assert len(cluster.requests) == 2  # one _msearch: a body per language
    assert [body["query"]["bool"]["must"][0]["bool"]["filter"] for _, body in cluster.requests] == [
        [{"term": {"fv_language": "fr"}}],
        [{"term": {"fv_language": "en"}}],
    ]
    assert backend.site_ids(query, limit=3) == merged[:3]
    ranked, every = backend.site_ids_and_set(query, limit=4)
    assert ranked == merged[:4] and sorted(every) == sorted(merged)
    # Past the result window (2 ids standing for 10,000), each language goes on through
    # its own point in time, and the merge is the same.
    monkeypatch.setattr(elasticsearch, "MAX_IDS", 2)
    cluster.requests.clear()
    assert backend.site_ids(query) == merged
    assert not cluster.open
    # One language alone: its own ranking.
    assert backend.site_ids(replace(query, languages=("en",))) == en
