"""Elasticsearch 9: Wagtail's backend with French, English, Arabic and German analysis and
the site search.

Selected when ``ELASTICSEARCH_URL`` is set (see search/README.md). Each document keeps
Wagtail's fields (filters, content types, the generic ``_all_text``) and gains the
project's fields, filled for the document's own language only:

- ``fv_title_<lang>``, ``fv_lead_<lang>``, ``fv_body_<lang>``: the three text tiers, analysed
  by ``fairville_french`` or ``fairville_english`` (prefixes joined, elision, ASCII folding,
  lowercase, compounds split and joined, stop words, Snowball stems), ``fairville_german``
  (the same steps with German's stop words and Snowball stemmer) or ``fairville_arabic``
  (Elasticsearch's Arabic normalisation and light stemmer), ``und`` for objects without
  one of these languages;
- ``fv_autocomplete``: the title, edge n-grams for search-as-you-type;
- ``fv_language``, ``fv_kind``, ``fv_public``, ``fv_date``, ``fv_facets`` (``facet:value``
  keywords, counted by one terms aggregation), ``fv_title`` and ``fv_text`` for display.

Queries go through the same tree as the database engines (:mod:`search.query`): each
language's plan becomes a ``bool`` query on that language's fields, so "co production"
and "bien-être" behave as they do on SQLite and PostgreSQL. Everything that builds a
request body is a pure function, tested offline; only ``site_search`` and
``site_autocomplete`` talk to the cluster.
"""

import unicodedata
from collections import Counter
from dataclasses import replace

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Index,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
    Elasticsearch9SearchResults,
)
from modelsearch.index import get_indexed_models

from .. import analysis, documents, results_cache
from ..query import AllOf, AnyOf, Exclude, Seq, Term, clean, from_wagtail, parse, plan, terms
from .site import (
    EMPTY,
    SiteHit,
    SiteResults,
    autocomplete_plan,
    merge_ranked,
    search_order,
    site_trees,
)

LANGUAGES = {
    "fr": "fairville_french",
    "en": "fairville_english",
    "ar": "fairville_arabic",
    "de": "fairville_german",
    "und": "fairville_neutral",
}
# Labels: the names of a page's tags, levers and lab, light like facets.
TIERS = {"title": 10, "lead": 4, "body": 1, "labels": 0.2}
FACET_SEPARATOR = ":"

_PREFIXES = "|".join(sorted(analysis.SEPARABLE_PREFIXES))


def _arabic_folds():
    """Mapping rules: the letters Elasticsearch's Arabic normalisation leaves as they are.

    Presentation forms (contextual shapes and ligatures: ``ﻻ`` = ``لا``, found in text
    copied from old PDFs) become their letters, as NFKC makes them; ligatures of whole
    phrases are left alone (a rule's target cannot hold a space).
    """
    folds = {"\u0624": "\u0648", "\u0626": "\u064a", "\u0671": "\u0627"}
    rules = [f"{char} => {letter}" for char, letter in folds.items()]
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFD)]:
        char = chr(code)
        # One pass: a rule's target is not mapped again, so it is folded here.
        letters = unicodedata.normalize("NFKC", char).translate(str.maketrans(folds))
        if letters != char and letters.strip() == letters and " " not in letters:
            rules.append(f"{char} => {letters}")
    return rules


_ELISIONS = sorted(analysis.FRENCH_ELISIONS)

ANALYSIS = {
    "char_filter": {
        # "co production" is indexed as "coproduction", as the database engines do.
        "fairville_prefixes": {
            "type": "pattern_replace",
            "pattern": rf"(?iu)\b({_PREFIXES})\s+(?=\p{{L}})",
            "replacement": "$1",
        },
        # Hamza on waw and ya, alef wasla and the presentation forms, as search.analysis
        # folds them; Elasticsearch's arabic_normalization does the rest (hamza and madda
        # on alef, alef maqsura, ta marbuta, tashkeel, tatweel).
        "fairville_arabic_folds": {"type": "mapping", "mappings": _arabic_folds()},
    },
    "filter": {
        "fairville_elision": {"type": "elision", "articles": _ELISIONS, "articles_case": True},
        # Parts and the joined word: co-production -> co, production, coproduction.
        "fairville_compounds": {
            "type": "word_delimiter_graph",
            "generate_word_parts": True,
            "catenate_all": True,
            "preserve_original": False,
            "split_on_case_change": False,
            "split_on_numerics": False,
            "stem_english_possessive": True,
        },
        "fairville_french_stop": {"type": "stop", "stopwords": "_french_"},
        "fairville_english_stop": {"type": "stop", "stopwords": "_english_"},
        "fairville_french_stemmer": {"type": "stemmer", "language": "french"},
        "fairville_english_stemmer": {"type": "stemmer", "language": "english"},
        "fairville_arabic_stemmer": {"type": "stemmer", "language": "arabic"},
        # search.analysis's list, folded as the words are by then ("für" is "fur"):
        # Elasticsearch's "_german_" keeps its umlauts, which asciifolding has taken off.
        "fairville_german_stop": {"type": "stop", "stopwords": sorted(analysis.STOP_WORDS["de"])},
        "fairville_german_stemmer": {"type": "stemmer", "language": "german"},
    },
    "analyzer": {
        "fairville_french": {
            "type": "custom",
            "char_filter": ["fairville_prefixes"],
            "tokenizer": "whitespace",
            "filter": [
                "fairville_elision",
                "lowercase",
                "asciifolding",
                "fairville_compounds",
                "lowercase",
                "fairville_french_stop",
                "fairville_french_stemmer",
            ],
        },
        "fairville_english": {
            "type": "custom",
            "char_filter": ["fairville_prefixes"],
            "tokenizer": "whitespace",
            "filter": [
                "lowercase",
                "asciifolding",
                "fairville_compounds",
                "lowercase",
                "fairville_english_stop",
                "fairville_english_stemmer",
            ],
        },
        "fairville_german": {
            "type": "custom",
            "char_filter": ["fairville_prefixes"],
            "tokenizer": "whitespace",
            "filter": [
                "lowercase",
                "asciifolding",
                "fairville_compounds",
                "lowercase",
                "fairville_german_stop",
                "fairville_german_stemmer",
            ],
        },
        # Elasticsearch's arabic analyser, rebuilt as its documentation shows, without its
        # stop words (search.analysis has none for Arabic: PostgreSQL ships none, and a
        # query word the index drops would match nothing) and with words split like the
        # other languages' (punctuation off, compounds' parts and joined word).
        "fairville_arabic": {
            "type": "custom",
            "char_filter": ["fairville_arabic_folds"],
            "tokenizer": "whitespace",
            "filter": [
                "fairville_compounds",
                "lowercase",
                "decimal_digit",
                "arabic_normalization",
                "fairville_arabic_stemmer",
            ],
        },
        "fairville_neutral": {
            "type": "custom",
            "tokenizer": "whitespace",
            "filter": ["lowercase", "asciifolding", "fairville_compounds", "lowercase"],
        },
        "fairville_autocomplete": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["fairville_elision", "lowercase", "asciifolding", "edgengram"],
        },
        "fairville_autocomplete_search": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["fairville_elision", "lowercase", "asciifolding"],
        },
    },
}


def field_language(language):
    language = analysis.base_language(language)
    return language if language in LANGUAGES else "und"


def text_fields(language, title_only=False):
    """The language's fields with their boosts, as ``multi_match``/``match`` targets."""
    suffix = field_language(language)
    tiers = {"title": TIERS["title"]} if title_only else TIERS
    return [f"fv_{tier}_{suffix}^{boost}" for tier, boost in tiers.items()]


class FairvilleMapping(Elasticsearch9Mapping):
    def get_mapping(self):
        mapping = super().get_mapping()
        properties = mapping["properties"]
        for language, analyzer in LANGUAGES.items():
            for tier in TIERS:
                properties[f"fv_{tier}_{language}"] = {"type": "text", "analyzer": analyzer}
        properties.update(
            {
                "fv_autocomplete": {
                    "type": "text",
                    "analyzer": "fairville_autocomplete",
                    "search_analyzer": "fairville_autocomplete_search",
                },
                "fv_language": {"type": "keyword"},
                "fv_kind": {"type": "keyword"},
                "fv_public": {"type": "boolean"},
                "fv_date": {"type": "date"},
                "fv_facets": {"type": "keyword"},
                "fv_content_type": {"type": "integer"},
                "fv_title": {"type": "text", "index": False},
                "fv_text": {"type": "text", "index": False},
            }
        )
        return mapping

    def get_document(self, obj):
        doc = super().get_document(obj)
        built = documents.build(obj)
        language = field_language(built.language)
        doc.update(
            {
                f"fv_title_{language}": built.title,
                f"fv_lead_{language}": built.lead,
                f"fv_body_{language}": built.body,
                f"fv_labels_{language}": built.labels,
                "fv_autocomplete": built.autocomplete,
                "fv_language": built.language,
                "fv_kind": built.kind,
                "fv_public": built.public,
                "fv_date": built.date.isoformat() if built.date else None,
                "fv_facets": [f"{facet}{FACET_SEPARATOR}{value}" for facet, value in built.facets],
                "fv_content_type": built.content_type_id,
                "fv_title": built.title,
                "fv_text": built.text,
            }
        )
        return doc


def compile_plan(node, language, title_only=False):
    """A query plan as Elasticsearch DSL on the language's fields."""
    fields = text_fields(language, title_only)
    if isinstance(node, Term):
        return {"multi_match": {"query": node.word, "fields": fields, "type": "most_fields"}}
    if isinstance(node, Seq):
        phrase = " ".join(term.word for term in node.terms)
        return {"multi_match": {"query": phrase, "fields": fields, "type": "phrase"}}
    if isinstance(node, AllOf):
        return {
            "bool": {"must": [compile_plan(child, language, title_only) for child in node.children]}
        }
    if isinstance(node, AnyOf):
        return {
            "bool": {
                "should": [compile_plan(child, language, title_only) for child in node.children],
                "minimum_should_match": 1,
            }
        }
    if isinstance(node, Exclude):
        return {
            "bool": {
                "must": [compile_plan(node.keep, language, title_only)],
                "must_not": [compile_plan(node.drop, language, title_only)],
            }
        }
    raise TypeError(node)


def language_query(tree, languages, autocomplete=False, title_only=False):
    """One clause per language, each with that language's analysis; None if nothing is left.

    ``tree`` is one query tree for every language, or a dict of one per language (a query
    translated by the vocabulary, see ``site.site_trees``).
    """
    clauses = []
    trees = tree if isinstance(tree, dict) else dict.fromkeys(languages, tree)
    for language in languages:
        tree = trees[language]
        if autocomplete:
            node = autocomplete_plan(tree, language)
            if node is None:
                continue
            words = [node] if isinstance(node, Term) else node.children
            typed = " ".join(word.word for word in words)
            # One wrong letter still suggests: the exact prefixes first, then the same
            # edge n-grams one edit away (fuzziness 1), scored lower.
            query = {
                "bool": {
                    "should": [
                        {"match": {"fv_autocomplete": {"query": typed, "operator": "and"}}},
                        {
                            "match": {
                                "fv_autocomplete": {
                                    "query": typed,
                                    "operator": "and",
                                    "fuzziness": 1,
                                    "prefix_length": 1,
                                    "boost": 0.5,
                                }
                            }
                        },
                    ],
                    "minimum_should_match": 1,
                }
            }
        else:
            node = plan(tree, language)
            if node is None:
                continue
            query = compile_plan(node, language, title_only)
        clauses.append({"bool": {"filter": [{"term": {"fv_language": language}}], "must": [query]}})
    if not clauses:
        return None
    return (
        clauses[0]
        if len(clauses) == 1
        else {"bool": {"should": clauses, "minimum_should_match": 1}}
    )


def site_search_body(site_query, facet_size=200):
    """The request body of a public search (hits, total, facet counts, highlights)."""
    query = language_query(site_trees(site_query), site_query.languages)
    if query is None:
        return None
    filters = [
        {"term": {"fv_public": True}},
        {"exists": {"field": "fv_kind"}},
        {"bool": {"must_not": {"term": {"fv_kind": ""}}}},
    ]
    for facet, value in site_query.filters.items():
        filters.append({"term": {"fv_facets": f"{facet}{FACET_SEPARATOR}{value}"}})
    return {
        "query": {"bool": {"must": [query], "filter": filters}},
        "from": site_query.offset,
        "size": site_query.limit,
        "track_total_hits": True,
        "_source": ["fv_content_type", "pk", "fv_kind", "fv_language", "fv_title", "fv_text"],
        "aggs": {"facets": {"terms": {"field": "fv_facets", "size": facet_size}}},
    }


def site_search_bodies(site_query, facet_size=200):
    """The request bodies of a public search, sent together (``_msearch``): one language's
    is ``site_search_body``. Across languages, the first counts every hit and its facets
    (no hits), then each language, in ``search_order``, ranks its own first offset + limit
    hits with its own analysis, merged by place (``site.merge_ranked``): scores of
    different analysers are not comparable. Empty when nothing is left to search."""
    counting = site_search_body(site_query, facet_size)
    languages = search_order(site_query)
    if counting is None or len(languages) < 2:
        return [counting] if counting else []
    counting.update({"from": 0, "size": 0})
    del counting["_source"]
    bodies = [counting]
    for language in languages:
        asked = replace(
            site_query, languages=(language,), offset=0, limit=site_query.offset + site_query.limit
        )
        body = site_search_body(asked)
        if body is not None:
            del body["aggs"]
            body["track_total_hits"] = False
            bodies.append(body)
    return bodies


def decode_responses(responses, site_query):
    """(hits, total, facets) from the responses to ``site_search_bodies``."""
    for response in responses:
        # _msearch answers a failed search in its list, where search() would raise.
        if "error" in response:
            raise RuntimeError(f"Elasticsearch refused a site search: {response['error']}")
    if len(responses) == 1:
        return decode_response(responses[0])
    _, total, facets = decode_response(responses[0])
    rankings = [decode_response(response)[0] for response in responses[1:]]
    start = site_query.offset
    return merge_ranked(rankings)[start : start + site_query.limit], total, facets


# Elasticsearch pages no further than index.max_result_window (10,000 by default): one
# request answers up to that many ids; past it, the ids come in pages of that size through
# a point in time (search_after), so the library counts every match however many there are.
MAX_IDS = 10_000
PIT_KEEP_ALIVE = "1m"


def site_ids_body(site_query, limit=None, ranked=True):
    """The request body of ``site_ids``: the site search's query, ids only, the first
    ``limit`` best first; unscored, in index order, when not ``ranked`` (``site_id_set``).
    Past MAX_IDS ids, ``site_ids_page_body`` asks for the rest."""
    body = site_search_body(site_query)
    if body is None:
        return None
    del body["aggs"]
    size = MAX_IDS if limit is None else min(limit, MAX_IDS)
    body.update({"from": 0, "size": size, "track_total_hits": False, "_source": ["pk"]})
    if not ranked:
        body["sort"] = ["_doc"]
    return body


def site_ids_page_body(site_query, pit_id, after=None, size=MAX_IDS, ranked=True):
    """One page of ids through the point in time ``pit_id``: the query of
    ``site_ids_body``, the first ``size`` hits after the sort values ``after`` (the last
    hit's of the previous page; None for the first page).

    A point in time fixes the index as it was when it was opened, so pages neither repeat
    nor skip a document written meanwhile; ``_shard_doc`` (unique within it) breaks ties
    between equal scores. A search through it names no index: the point in time does.
    """
    body = site_ids_body(site_query, size, ranked)
    if body is None:
        return None
    del body["from"]  # search_after pages from a position, not an offset
    body["size"] = min(size, MAX_IDS)
    body["pit"] = {"id": pit_id, "keep_alive": PIT_KEEP_ALIVE}
    body["sort"] = (
        [{"_score": {"order": "desc"}}, {"_shard_doc": {"order": "asc"}}]
        if ranked
        else [{"_shard_doc": {"order": "asc"}}]
    )
    if after is not None:
        body["search_after"] = list(after)
    return body


def autocomplete_body(text, languages, limit):
    query = language_query(parse(text), languages, autocomplete=True)
    if query is None:
        return None
    return {
        "query": {
            "bool": {
                "must": [query],
                "filter": [{"term": {"fv_public": True}}, {"exists": {"field": "fv_kind"}}],
            }
        },
        "size": limit,
        "_source": ["fv_content_type", "pk", "fv_kind", "fv_language", "fv_title"],
    }


def suggestion_body(text, language):
    """ "Did you mean": a term suggester over the language's body field, for words no
    document has (suggest_mode missing), the most frequent correction first."""
    found = [word.joined for word in analysis.words(clean(text), language)]
    if not found:
        return None
    return {
        "size": 0,
        "suggest": {
            "text": " ".join(found),
            "did_you_mean": {
                "term": {
                    "field": f"fv_body_{field_language(language)}",
                    "suggest_mode": "missing",
                    "sort": "frequency",
                    "max_edits": 2,
                    "prefix_length": 1,
                    "min_word_length": 4,
                }
            },
        },
    }


def decode_suggestion(response, text):
    """The corrected query from a term suggester's response, or None."""
    corrected, changed = [], False
    for entry in response.get("suggest", {}).get("did_you_mean", []):
        options = entry.get("options") or []
        corrected.append(options[0]["text"] if options else entry["text"])
        changed = changed or bool(options)
    return " ".join(corrected) if changed else None


def decode_response(response):
    """(hits, total, facets) from a search response."""
    hits = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        hits.append(
            SiteHit(
                id=hit["_id"],
                score=hit["_score"] or 0.0,
                content_type_id=source["fv_content_type"],
                object_id=str(source["pk"]),
                kind=source["fv_kind"],
                language=source["fv_language"],
                title=source.get("fv_title", ""),
                text=source.get("fv_text", ""),
            )
        )
    facets = {}
    for bucket in response.get("aggregations", {}).get("facets", {}).get("buckets", []):
        facet, _, value = bucket["key"].partition(FACET_SEPARATOR)
        facets.setdefault(facet, Counter())[value] = bucket["doc_count"]
    total = response["hits"]["total"]
    return hits, total["value"] if isinstance(total, dict) else total, facets


class FairvilleSearchQueryCompiler(Elasticsearch9SearchQueryCompiler):
    """``queryset.search()`` on the language fields, every language at once."""

    mapping_class = FairvilleMapping

    def get_inner_query(self):
        tree = from_wagtail(self.query)
        if tree is None:
            return super().get_inner_query()
        title_only = self.fields is not None and set(self.fields) <= {"title"}
        query = language_query(tree, [*LANGUAGES, *_content_languages()], title_only=title_only)
        return query or {"bool": {"must_not": {"match_all": {}}}}


class FairvilleAutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = FairvilleMapping

    def get_inner_query(self):
        tree = from_wagtail(self.query)
        query = language_query(tree, [*LANGUAGES, *_content_languages()], autocomplete=True)
        return query or {"bool": {"must_not": {"match_all": {}}}}


def _content_languages():
    from django.conf import settings

    return [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES if code not in LANGUAGES]


class FairvilleIndex(Elasticsearch9Index):
    """Every write changes the index's generation: no cached result outlives it."""

    def add_item(self, item):
        results_cache.written()
        return super().add_item(item)

    def add_items(self, model, items):
        results_cache.written()
        return super().add_items(model, items)

    def delete_item(self, item):
        results_cache.written()
        return super().delete_item(item)

    def reset(self):
        results_cache.written()
        return super().reset()


class FairvilleElasticsearchBackend(Elasticsearch9SearchBackend):
    mapping_class = FairvilleMapping
    index_class = FairvilleIndex
    query_compiler_class = FairvilleSearchQueryCompiler
    autocomplete_query_compiler_class = FairvilleAutocompleteQueryCompiler
    results_class = Elasticsearch9SearchResults

    def __init__(self, params):
        super().__init__(params)
        analysis_settings = self.settings["settings"]["analysis"]
        for section, entries in ANALYSIS.items():
            analysis_settings.setdefault(section, {}).update(entries)

    def site_indices(self):
        names = {self.get_index_for_model(model).name for model in get_indexed_models()}
        return sorted(names)

    def site_search(self, site_query):
        bodies = site_search_bodies(site_query)
        if not bodies:
            return EMPTY
        if len(bodies) == 1:
            responses = [self.es.search(index=self.site_indices(), **bodies[0])]
        else:
            searches = [part for body in bodies for part in ({}, body)]
            response = self.es.msearch(index=self.site_indices(), searches=searches)
            responses = response["responses"]
        hits, total, facets = decode_responses(responses, site_query)
        words = {
            language: set(terms(node))
            for language, tree in site_trees(site_query).items()
            if (node := plan(tree, language)) is not None
        }
        return SiteResults(hits=hits, total=total, facets=facets, terms=words)

    def site_ids(self, site_query, limit=None):
        """Object ids of the first ``limit`` hits (every hit without one), best first: see
        DatabaseEngine.site_ids. Across languages, each language's ids are ranked by its own
        body (its own analysis and statistics) and merged by place, as the site search's
        hits are (``site.merge_ranked``): one ``_msearch``, then a point in time for a
        language with more ids than one request holds."""
        languages = search_order(site_query)
        if len(languages) < 2:
            return self._ids(site_query, limit, ranked=True)
        asked = [replace(site_query, languages=(language,)) for language in languages]
        bodies = [(query, site_ids_body(query, limit)) for query in asked]
        bodies = [(query, body) for query, body in bodies if body is not None]
        if not bodies:
            return []
        searches = [part for _, body in bodies for part in ({}, body)]
        responses = self.es.msearch(index=self.site_indices(), searches=searches)["responses"]
        rankings = []
        for (query, body), response in zip(bodies, responses, strict=True):
            if "error" in response:
                raise RuntimeError(f"Elasticsearch refused an id search: {response['error']}")
            hits = response["hits"]["hits"]
            if len(hits) < body["size"] or (limit is not None and limit <= MAX_IDS):
                rankings.append([str(hit["_source"]["pk"]) for hit in hits])
            else:
                rankings.append(self._ids(query, limit, ranked=True))
        return merge_ranked(rankings)[:limit]

    def site_id_set(self, site_query):
        """Object ids of every hit, unscored: see DatabaseEngine.site_id_set."""
        return self._ids(site_query, None, ranked=False)

    def site_ids_and_set(self, site_query, limit):
        return self.site_ids(site_query, limit), self.site_id_set(site_query)

    def _ids(self, site_query, limit, ranked):
        """One request when it holds every id wanted (up to MAX_IDS, nearly every query);
        past it, the ids again from the first, a page of MAX_IDS at a time through a point
        in time, until ``limit`` or the last hit."""
        body = site_ids_body(site_query, limit, ranked)
        if body is None:
            return []
        indices = self.site_indices()
        hits = self.es.search(index=indices, **body)["hits"]["hits"]
        if len(hits) < body["size"] or (limit is not None and limit <= MAX_IDS):
            return [str(hit["_source"]["pk"]) for hit in hits]
        pit_id = self.es.open_point_in_time(index=indices, keep_alive=PIT_KEEP_ALIVE)["id"]
        ids, after = [], None
        try:
            while limit is None or len(ids) < limit:
                size = MAX_IDS if limit is None else min(MAX_IDS, limit - len(ids))
                page = self.es.search(**site_ids_page_body(site_query, pit_id, after, size, ranked))
                pit_id = page.get("pit_id", pit_id)  # a point in time's id may change
                hits = page["hits"]["hits"]
                ids += [str(hit["_source"]["pk"]) for hit in hits]
                if len(hits) < size:
                    break
                after = hits[-1]["sort"]
        finally:
            self.es.close_point_in_time(id=pit_id)
        return ids

    def site_suggestion(self, text, language):
        body = suggestion_body(text, language)
        if body is None:
            return None
        return decode_suggestion(self.es.search(index=self.site_indices(), **body), text)

    def site_prefix_correction(self, text, language):
        return None  # The autocomplete body itself allows one edit (fuzziness 1).

    def site_autocomplete(self, text, languages, limit=8):
        body = autocomplete_body(text, languages, limit)
        if body is None:
            return []
        return decode_response(self.es.search(index=self.site_indices(), **body))[0]


SearchBackend = FairvilleElasticsearchBackend
