"""PostgreSQL: tsvector columns with GIN indexes, one text search configuration per language.

Each document is stemmed by the configuration of its own language (``french_unaccent``,
``english_unaccent``: unaccent then Snowball, created by migration 0002), and each query
by the configuration of the language it searches. Words reach PostgreSQL already folded,
with elisions removed and compounds expanded by :mod:`search.analysis`, so PostgreSQL's
parser never splits a hyphenated word on its own.

Why it is fast where the stock backend takes 320-450 ms: matching uses one tsvector column
that the GIN index answers exactly (no recheck, so no tsvector is read for counting and
facets), and ranking, which must read each tsvector, is limited to the best candidates:
title matches first, then the most recently indexed (the highest ids, as on SQLite),
``RANK_CANDIDATES`` of them in each language searched; the other hits follow, most recently
indexed first. Below that many hits, which is every specific query, the ranking is exact.
"""

import re

from django.db import connection
from django.db.backends.postgresql.base import CursorDebugWrapper, ServerBindingCursor
from django.db.backends.utils import CursorWrapper

from .. import analysis, results_cache
from ..models import IndexedWord
from ..query import AllOf, AnyOf, Exclude, Seq, Term
from .base import DatabaseSearchBackend
from .engine import HIT_COLUMNS, TABLE, TEXT_TABLE, hit_join, language_key, on_site
from .interning import facet_tokens

# Arabic: the server's ``arabic`` configuration, or ``simple`` without it (migration 0007).
# German: the server's own ``german`` (Snowball's stemmer; every PostgreSQL has it): words
# arrive folded (umlauts and ß too), so it needs no unaccent step.
CONFIGS = {
    "fr": "french_unaccent",
    "en": "english_unaccent",
    "ar": "fairville_arabic",
    "de": "german",
}
DEFAULT_CONFIG = "simple_unaccent"
GIN_INDEXES = [  # created by migrations 0002, 0010 and 0011
    "search_document_vector",
    "search_title_vector",
    "search_autocomplete_vector",
]
RANK_CANDIDATES = 500
PREPARE_THRESHOLD = 5  # psycopg's default; our cursor prepares at once (prepare=True)
# A document's object id as a page's (a page's is a number; the cast only runs on one).
HIT_JOIN = hit_join("CASE WHEN d.object_id ~ '^[0-9]{1,9}$' THEN d.object_id::int END")
WORD_TABLE = IndexedWord._meta.db_table
DOCUMENT_WORDS = "search_documentword"  # migration 0009
# Each document's title words for autocomplete, in narrow rows of their own (migration
# 0010): a short start ranks thousands of titles, and reads only these.
AUTOCOMPLETE_TABLE = "search_autocompletevector"
# Each document's title vector, with the scope and facet tokens of its full vector, in
# narrow rows of their own (migration 0011): a broad word's title matches are each read to
# rank the most recent of them, and read only these.
TITLE_TABLE = "search_titlevector"
# D (labels: tags', levers', labs' names, light like facets), C (body), B (lead), A (title)
WEIGHTS = "'{0.04, 0.2, 0.4, 1.0}'"
# Divide by 1 + log(document length), as bm25 does on SQLite: a short page about a word
# is not outranked by a long one that mentions it often.
NORMALIZATION = 1


def scope_token(language):
    """The lexeme of a public result in ``language`` (no analysed word has a "_")."""
    return f"_s{language_key(language)}"


# A hit whose own words (weights A, B, C) match the whole query ranks before every hit
# that needs its labels (D) to match: labels select, like facets, they do not make a page
# about a theme. ts_rank is below 1, the title bonus 1.
OWN_TEXT_FIRST = 2
LEXEME_RE = re.compile(r"('[^']*')(?!:)")


def own_text(expression):
    """``expression`` with each word restricted to the title, lead and body (not labels)."""
    return LEXEME_RE.sub(r"\1:ABC", expression)


# A hit's place in the merged ranking (site.merge_ranked), from the columns score (higher
# is better), id, language and position (the language's in the merge order), over the
# number of languages searched: the n-th best hit of each language before the (n+1)-th of
# any, the reader's language first. Each language's scores come from its own
# configuration and are not comparable with another's.
PLACE = "(row_number() OVER (PARTITION BY language ORDER BY score DESC, id) - 1) * {} + position"
# Every hit of ranking_ctes with its score: the ranked candidates, then the other hits,
# most recently indexed first (ranks are positive: a negative score sorts a hit after
# every ranked one). A union, not a join of the hits with the scores: the planner cannot
# see how many hits a query has (ranking_ctes) and, taking 10,000 hits for one, joined
# each of them to the whole ranking again (10 s for a word in most case studies).
EVERY_HIT = (
    "(SELECT id, object_id, score, language, position FROM ranked UNION ALL "
    "SELECT h.id, h.object_id, -row_number() OVER (PARTITION BY h.language "
    "ORDER BY h.id DESC), h.language, h.position FROM hits h "
    "WHERE h.id NOT IN (SELECT id FROM candidates)) AS u"
)
# A candidate's score, over its document ``d``, its language's ``q`` and ``c.in_title``
# (whether its title matches). A hit whose title matches matches in its own text: its
# vector is not read a second time for that test (on a page of many title matches, not at
# all), which saves reading each vector twice.
RANKED = (
    "SELECT d.id, d.object_id, q.language, q.position, "
    f"ts_rank({WEIGHTS}, v.vector, q.query, {NORMALIZATION}) "
    "+ CASE WHEN c.in_title THEN 1 ELSE 0 END "
    f"+ CASE WHEN c.in_title OR v.vector @@ q.own THEN {OWN_TEXT_FIRST} ELSE 0 END "
    "AS score"
)
# The vector ``v.vector`` that RANKED reads, after the candidate's row ``d``: a copy of its
# search_vector (setweight with no lexeme to change), made once in a subquery that the
# planner keeps (OFFSET 0). A vector stored out of its row (TOAST: most French case
# studies' rows pass PostgreSQL's 2 kB threshold) is fetched anew by each function given
# it, and a candidate that is not a title match is given to two, ts_rank and the own-text
# test. On a copy of the benchmark's data, six interleaved rounds: French broad queries
# without title matches 4-6 % faster (universite 7.7 -> 7.4 ms), English ones unchanged.
CANDIDATE_VECTOR = (
    "CROSS JOIN LATERAL (SELECT setweight(d.search_vector, 'A', '{}') AS vector OFFSET 0) v"
)


class PreparedCursor(ServerBindingCursor):
    """Each statement prepared on the server. Django binds parameters on the client, so
    PostgreSQL parses and plans each statement anew: for a results page about 1.5 ms of
    its server CPU (the benchmark's broad queries, 8.9 → 7.4 ms). Prepared, a statement is
    parsed once a connection, planned for its first five executions, then run with the
    generic plan PostgreSQL keeps once it costs no more: the queries reach the planner as
    values of a CTE it cannot see (``query_cte``), so the plans are alike. Production
    keeps its connections a minute (DATABASE_CONN_MAX_AGE), and with them their
    prepared statements."""

    def execute(self, query, params=None, *, prepare=True, binary=None):
        return super().execute(query, params, prepare=prepare, binary=binary)


def prepared_cursor():
    """A cursor of the default connection for the searches' reads, logged as any query
    (assertNumQueries counts it, with its text)."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        # Django turns psycopg's preparing off (for connection poolers, see
        # docs/deploy.md), and psycopg then ignores prepare=True. Django's own cursors
        # bind on the client, which never prepares: this reaches only ours.
        connection.connection.prepare_threshold = PREPARE_THRESHOLD
    cursor = PreparedCursor(connection.connection)
    if connection.queries_logged:
        return PreparedDebugWrapper(cursor, connection)
    return connection.make_cursor(cursor)


class PreparedDebugWrapper(CursorDebugWrapper):
    """Logs a statement as Django logs one bound on the server, composed on the client:
    psycopg keeps no text of a prepared statement's execution, where Django looks for
    one when its own cursors bind on the client."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params), params):
            return CursorWrapper.execute(self, sql, params)  # not logged a second time


def config_for(language):
    return CONFIGS.get(analysis.base_language(language), DEFAULT_CONFIG)


def _quote(word):
    # Words are letters and digits only (see analysis.WORD_RE).
    return "'" + word.replace("'", "").replace("\\", "") + "'"


VECTOR = (
    "setweight(to_tsvector(u.cfg::regconfig, u.t), 'A') || "
    "setweight(to_tsvector(u.cfg::regconfig, u.l), 'B') || "
    "setweight(to_tsvector(u.cfg::regconfig, u.b), 'C') || "
    "setweight(to_tsvector(u.cfg::regconfig, u.g), 'D')"
)


class PostgresSearchBackend(DatabaseSearchBackend):
    def insert_documents(self, docs, facet_strings):
        columns = {
            name: []
            for name in "ct oid lang kind pub date title text facets cfg t l b g a s w".split()
        }
        for doc, facets in zip(docs, facet_strings, strict=True):
            columns["ct"].append(doc.content_type_id)
            columns["oid"].append(doc.object_id)
            columns["lang"].append(doc.language)
            columns["kind"].append(doc.kind)
            columns["pub"].append(doc.public)
            columns["date"].append(doc.date)
            columns["title"].append(doc.title)
            columns["text"].append(doc.text)
            columns["facets"].append(facets)
            columns["cfg"].append(config_for(doc.language))
            texts = [
                analysis.index_words(text, doc.language)
                for text in (doc.title, doc.lead, doc.body, doc.labels)
            ]
            columns["t"].append(" ".join(texts[0]))
            columns["l"].append(" ".join(texts[1]))
            columns["b"].append(" ".join(texts[2]))
            columns["g"].append(" ".join(texts[3]))
            # A public document's distinct words: the triggers of migration 0009 count them.
            distinct = {word for found in texts for word in found} if on_site(doc) else ()
            columns["w"].append(" ".join(sorted(distinct)))
            columns["a"].append(
                " ".join(analysis.autocomplete_words(doc.autocomplete, doc.language))
            )
            columns["s"].append(
                " ".join([scope_token(doc.language), *facet_tokens(facets)]) if on_site(doc) else ""
            )
        types = (
            "integer text text text boolean date text text text text text text text text text text "
            "text"
        )
        unnest = ", ".join(f"%s::{kind}[]" for kind in types.split())
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH u AS (SELECT * FROM unnest({unnest}) AS u(ct, oid, lang, kind, pub, date, "
                "title, text, facets, cfg, t, l, b, g, a, s, w)), "
                f"inserted AS (INSERT INTO {TABLE} (content_type_id, object_id, language, kind, "
                "public, date, title, facets, search_vector) "
                f"SELECT u.ct, u.oid, u.lang, u.kind, u.pub, u.date, u.title, u.facets, "
                f"{VECTOR} || u.s::tsvector FROM u RETURNING id, object_id), "
                f"title_vectors AS (INSERT INTO {TITLE_TABLE} (document_id, vector) "
                "SELECT inserted.id, to_tsvector(u.cfg::regconfig, u.t) || u.s::tsvector "
                "FROM inserted JOIN u ON u.oid = inserted.object_id), "
                f"texts AS (INSERT INTO {TEXT_TABLE} (document_id, text) "
                "SELECT inserted.id, u.text FROM inserted JOIN u ON u.oid = inserted.object_id), "
                f"titles AS (INSERT INTO {AUTOCOMPLETE_TABLE} (document_id, language, on_site, "
                "vector) SELECT inserted.id, u.lang, u.s <> '', to_tsvector('simple', u.a) "
                "FROM inserted JOIN u ON u.oid = inserted.object_id) "
                f"INSERT INTO {DOCUMENT_WORDS} (document_id, language, words) "
                "SELECT inserted.id, u.lang, string_to_array(u.w, ' ') "
                "FROM inserted JOIN u ON u.oid = inserted.object_id WHERE u.w <> ''",
                list(columns.values()),
            )

    def delete_fulltext(self, ids):
        pass  # The documents' delete triggers take their words and titles along.

    def reset_fulltext(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {WORD_TABLE}")

    def optimize(self):
        with connection.cursor() as cursor:
            if not connection.in_atomic_block:
                # After update_index (its transaction committed): a rebuild deletes every
                # row and writes them anew. VACUUM removes the old ones, which the GIN
                # index still lists and each search would visit until autovacuum came,
                # merges the pending lists (below), sets the visibility map and analyses:
                # the searches that follow a rebuild meet the state they will keep, and
                # autovacuum does not start in the middle of them.
                tables = [
                    TABLE,
                    TEXT_TABLE,
                    WORD_TABLE,
                    DOCUMENT_WORDS,
                    AUTOCOMPLETE_TABLE,
                    TITLE_TABLE,
                ]
                cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")
                return
            cursor.execute(f"ANALYZE {TABLE}")
            # A bulk write leaves its GIN entries in each index's pending list, which every
            # search then reads in full until autovacuum merges it: 2.5 ms a results page
            # after update_index of 20,000 pages. Merge them now.
            for index in GIN_INDEXES:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])

    def compile_plan(self, node, language, autocomplete=False):
        if node is None:
            return None
        if autocomplete:
            words = [node] if isinstance(node, Term) else node.children
            return " & ".join(_quote(word.word) + ":*" for word in words)
        return self._compile(node)

    def _compile(self, node):
        if isinstance(node, Term):
            return _quote(node.word)
        if isinstance(node, Seq):
            return "(" + " <-> ".join(_quote(term.word) for term in node.terms) + ")"
        if isinstance(node, (AllOf, AnyOf)):
            joiner = " & " if isinstance(node, AllOf) else " | "
            return "(" + joiner.join(self._compile(child) for child in node.children) + ")"
        if isinstance(node, Exclude):
            return f"({self._compile(node.keep)} & !{self._compile(node.drop)})"
        raise TypeError(node)

    def _tsquery(self, language, autocomplete):
        return (
            "to_tsquery('simple'::regconfig, %s)"
            if autocomplete
            else (f"to_tsquery('{config_for(language)}'::regconfig, %s)")
        )

    def match_sql(self, expression, language, where, where_params, autocomplete, title_only):
        vector, source = "d.search_vector", f"{TABLE} d"
        if title_only:
            vector = "tv.vector"
            source += f" JOIN {TITLE_TABLE} tv ON tv.document_id = d.id"
        if autocomplete:
            vector = "a.vector"
            source += f" JOIN {AUTOCOMPLETE_TABLE} a ON a.document_id = d.id"
        tsquery = self._tsquery(language, autocomplete)
        sql = (
            "SELECT d.object_id AS object_id, "
            f"ts_rank({WEIGHTS}, {vector}, q.query, {NORMALIZATION}) AS score "
            f"FROM {source}, {tsquery} AS q(query) "
            f"WHERE {vector} @@ q.query AND d.language = %s AND {where}"
        )
        return sql, [expression, language, *where_params]

    def site_rows(self, expressions, conditions, offset, limit):
        sql, params = self.site_sql(expressions, conditions, offset, limit)
        with prepared_cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        top = sorted((row for row in rows if row[0] != -1), key=lambda row: row[-2])
        total, aggregated = next((row[1], row[-1]) for row in rows if row[0] == -1)
        return [row[:-2] for row in top], int(total), aggregated

    def site_sql(self, expressions, conditions, offset, limit):
        """The statement of a site search and its parameters."""
        if offset + limit <= RANK_CANDIDATES:
            return self.page_sql(expressions, conditions, offset, limit)
        sql, params = self.ranking_ctes(expressions, conditions)
        sql += (
            f", top AS (SELECT id, score, {PLACE.format(len(expressions))} AS place "
            f"FROM {EVERY_HIT} ORDER BY place LIMIT %s OFFSET %s) "
            f"SELECT {HIT_COLUMNS}, top.place, NULL FROM top {HIT_JOIN} "
            "UNION ALL SELECT -1, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
            "string_agg(facets, '') FROM hits"
        )
        return sql, [*params, limit, offset]

    def page_sql(self, expressions, conditions, offset, limit):
        """site_sql for a page within the ranked candidates (every results page up to the
        50th): the same hits, candidates, scores and order as ranking_ctes, with less work
        per hit (candidate_ctes), and the count and facets of every hit from the same read.
        """
        sql, params = self.candidate_ctes(
            expressions, conditions, "count(*) AS total, string_agg(d.facets, '') AS facets"
        )
        sql += (
            f", top AS (SELECT id, score, {PLACE.format(len(expressions))} AS place FROM ranked "
            "ORDER BY place LIMIT %s OFFSET %s) "
            f"SELECT {HIT_COLUMNS}, top.place, NULL FROM top {HIT_JOIN} "
            "UNION ALL SELECT -1, sum(total), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
            "NULL, string_agg(facets, '') FROM found"
        )
        return sql, [*params, limit, offset]

    def candidate_ctes(self, expressions, conditions, every_hit):
        """``WITH q``, ``found`` (per language searched: ``every_hit``, aggregates over its
        hits ``d``, and the RANK_CANDIDATES highest ids), ``titled``, ``candidates`` and
        ``ranked`` (their scores and object ids): the candidates and scores of
        ranking_ctes, read without storing a row per hit.

        Each hit is read once, by one aggregate over the GIN index's bitmap (no hit is
        stored, sorted as a row, joined or tested against its title): ``every_hit`` and
        the RANK_CANDIDATES highest ids. The bitmap hands the rows over in their order on
        disk, which is the order of their ids wherever the table was written in one go
        (update_index, and every write since that added rows at its end): the ids then
        arrive sorted, and PostgreSQL's sort, which checks for that first, takes one pass
        over them; rows re-indexed since into free space before the end leave them nearly
        sorted, which its quicksort still takes quickly. Server CPU of the statement for a
        word in 10,000 pages, 1.2-1.3 ms less than with the candidates' former keys (the
        most recent by date, in no order on disk), with or without 1,000 rows re-indexed.
        The title matches come from the title index (TITLE_TABLE's narrow rows, which
        hold the scope and facet tokens too). The candidates (title matches first, then
        the highest ids) are among these two short lists: a candidate that is not a title
        match has fewer than RANK_CANDIDATES hits with a higher id.
        """
        sql, params = self.query_cte(expressions, conditions)
        # The title vector holds the scope and facet tokens too: the title index alone
        # selects the title matches in the language (a name is the same word in every
        # language) with the facet filters, from narrow rows (TITLE_TABLE). The query is
        # asked of the full vector again when it excludes a word (a title without it may
        # have it in its body).
        titled, source = "v.vector @@ q.query AND v.vector @@ q.scope", f"{TITLE_TABLE} v"
        if any("!" in expression for expression in expressions.values()):
            titled += " AND d.search_vector @@ q.query"
            source += f" JOIN {TABLE} d ON d.id = v.document_id"
        sql += (
            ", found AS MATERIALIZED (SELECT q.position, f.* FROM q CROSS JOIN LATERAL "
            f"(SELECT {every_hit}, "
            "(array_agg(d.id ORDER BY d.id))[greatest(count(*) - %s + 1, 1):] AS recent "
            f"FROM {TABLE} d "
            "WHERE d.search_vector @@ q.query AND d.search_vector @@ q.scope) f), "
            "titled AS MATERIALIZED (SELECT q.position, t.key FROM q CROSS JOIN LATERAL "
            f"(SELECT v.document_id AS key FROM {source} WHERE {titled} "
            "ORDER BY key DESC LIMIT %s) t), "
            "candidates AS (SELECT q.position, c.key AS id, c.in_title FROM q "
            "CROSS JOIN LATERAL (SELECT u.key, bool_or(u.in_title) AS in_title FROM "
            "(SELECT t.key, true AS in_title FROM titled t WHERE t.position = q.position "
            "UNION ALL SELECT r.key, false FROM found f CROSS JOIN LATERAL unnest(f.recent) "
            "AS r(key) WHERE f.position = q.position) u "
            "GROUP BY u.key ORDER BY in_title DESC, u.key DESC LIMIT %s) c), "
            f"ranked AS ({RANKED} "
            f"FROM candidates c JOIN q ON q.position = c.position JOIN {TABLE} d ON d.id = c.id "
            f"{CANDIDATE_VECTOR})"
        )
        return sql, [*params, RANK_CANDIDATES, RANK_CANDIDATES, RANK_CANDIDATES]

    def site_id_rows(self, expressions, conditions, limit=None):
        sql, params, ordered, _ = self._ordered_ids(expressions, conditions, limit)
        with prepared_cursor() as cursor:
            cursor.execute(f"{sql} SELECT object_id FROM ({ordered}) o ORDER BY pos", params)
            return [object_id for (object_id,) in cursor.fetchall()]

    def site_id_rows_and_set(self, expressions, conditions, limit):
        """Both from one statement: the ranked ids and every hit's id, each list as one
        string (ids joined by the unit separator), over the hits read once."""
        sql, params, ordered, every = self._ordered_ids(expressions, conditions, limit, True)
        with prepared_cursor() as cursor:
            cursor.execute(
                f"{sql} SELECT (SELECT string_agg(object_id, chr(31) ORDER BY pos) "
                f"FROM ({ordered}) o), (SELECT string_agg(ids, chr(31)) FROM ({every}) e)",
                params,
            )
            first, every = cursor.fetchone()
        return (first.split("\x1f") if first else []), (every.split("\x1f") if every else [])

    def _ordered_ids(self, expressions, conditions, limit, every=False):
        """(sql, params, ordered, every) of an id search: its CTEs; ``ordered``, the first
        ``limit`` hits' object ids (every hit for None) with their places ``pos`` in
        site_sql's order (merged by place across the languages searched); ``every``, each
        hit's object id in rows ``ids`` (of one id, or of many joined by the unit
        separator), read with the others when asked for."""
        place = PLACE.format(len(expressions))
        if limit is not None and limit <= RANK_CANDIDATES:
            # The ranked candidates hold the first RANK_CANDIDATES hits (or every hit).
            found = "string_agg(d.object_id, chr(31)) AS ids" if every else "count(*) AS total"
            sql, params = self.candidate_ctes(expressions, conditions, found)
            ordered = f"SELECT object_id, {place} AS pos FROM ranked ORDER BY pos LIMIT %s"
            return sql, [*params, limit], ordered, "SELECT ids FROM found"
        sql, params = self.ranking_ctes(expressions, conditions)
        # LIMIT NULL: every hit.
        ordered = f"SELECT object_id, {place} AS pos FROM {EVERY_HIT} ORDER BY pos LIMIT %s"
        return sql, [*params, limit], ordered, "SELECT object_id AS ids FROM hits"

    def site_id_set_rows(self, expressions, conditions):
        sql, params = self.query_cte(expressions, conditions)
        # One string (ids joined by the unit separator, which no id holds): thousands of
        # ids cost one row to fetch.
        sql += (
            f" SELECT string_agg(d.object_id, chr(31)) FROM q JOIN {TABLE} d "
            "ON d.search_vector @@ q.query AND d.search_vector @@ q.scope"
        )
        with prepared_cursor() as cursor:
            cursor.execute(sql, params)
            (ids,) = cursor.fetchone()
        return ids.split("\x1f") if ids else []

    def query_cte(self, expressions, conditions):
        """``WITH q``: per language searched, its query, scope (public, language, facet
        filters), own-text query and home (public, language: the title vector's scope), as
        values the planner cannot see (ranking_ctes)."""
        queries, params = [], []
        for language, expression in expressions.items():
            queries.append(
                "(%s, to_tsquery(%s::regconfig, %s), %s::tsquery, to_tsquery(%s::regconfig, %s), "
                f"%s::tsquery, {len(queries)})"
            )
            scope = [scope_token(language), *(f"_{pk}" for pk in conditions)]
            config = config_for(language)
            params += [language, config, expression, " & ".join(scope), config]
            params += [own_text(expression), scope_token(language)]
        sql = (
            f"WITH q AS MATERIALIZED (SELECT * FROM (VALUES {', '.join(queries)}) "
            "AS q(language, query, scope, own, home, position))"
        )
        return sql, params

    def ranking_ctes(self, expressions, conditions):
        """The CTEs ``hits`` (every hit), ``candidates`` and ``ranked`` (their scores).

        The queries reach the planner as values of a CTE, not constants: it cannot see
        that a word is in most documents, which would tempt it into a sequential scan
        reading every tsvector, and uses the GIN index, which answers exactly.
        """
        sql, params = self.query_cte(expressions, conditions)
        # The scope tokens select public results in the language, with their facet values,
        # from the GIN index: no row of another language or a private page is read. Title
        # matches come from the title index, not from each hit's title vector.
        sql += (
            ", hits AS MATERIALIZED (SELECT d.id, d.object_id, d.facets, q.language, "
            "q.position "
            f"FROM q JOIN {TABLE} d "
            "ON d.search_vector @@ q.query AND d.search_vector @@ q.scope), "
            # A title matches in its own language only (the scope token): another
            # language's query (a translation, or the same word stemmed otherwise) must not
            # give the bonus.
            f"titled AS MATERIALIZED (SELECT v.document_id AS id FROM q JOIN {TITLE_TABLE} v "
            "ON v.vector @@ q.query AND v.vector @@ q.home), "
            # Each language's own candidates: its hits are ranked as if it were searched
            # alone, whatever the others' (the merge takes each language's order).
            "candidates AS (SELECT c.id, c.in_title FROM q CROSS JOIN LATERAL "
            "(SELECT h.id, h.id IN (SELECT id FROM titled) AS in_title FROM hits h "
            "WHERE h.language = q.language "
            "ORDER BY in_title DESC, h.id DESC LIMIT %s) c), "
            f"ranked AS ({RANKED} "
            f"FROM candidates c JOIN {TABLE} d ON d.id = c.id JOIN q ON q.language = d.language "
            f"{CANDIDATE_VECTOR})"
        )
        return sql, [*params, RANK_CANDIDATES]

    def vocabulary(self, language, prefixes):
        """``{word: documents}`` of the public words of ``language`` starting with one of
        ``prefixes``: the counts the triggers of migration 0009 keep as documents are
        indexed and removed (a word no public page has any more counts zero and is left
        out). Kept in the results cache for this generation of the index: the prefixes are
        a typed word's first two letters, which every keystroke after them shares."""
        prefixes = sorted(prefixes)

        def read():
            with prepared_cursor() as cursor:
                cursor.execute(
                    f"SELECT word, documents FROM {WORD_TABLE} "
                    "WHERE language = %s AND start = ANY(%s) AND documents > 0",
                    [language, prefixes],
                )
                return cursor.fetchall()

        return dict(results_cache.cached("vocabulary", [language, prefixes], read))

    def autocomplete_rows(self, expressions, limit):
        parts, params = [], []
        for language, expression in expressions.items():
            parts.append(
                "(SELECT a.document_id AS id, ts_rank(a.vector, q.query) AS score "
                f"FROM {AUTOCOMPLETE_TABLE} a, to_tsquery('simple'::regconfig, %s) AS q(query) "
                "WHERE a.vector @@ q.query AND a.language = %s AND a.on_site "
                "ORDER BY score DESC, a.document_id LIMIT %s)"
            )
            params.extend([expression, language, limit])
        union = " UNION ALL ".join(parts)
        # The hits' columns in the same statement: one round trip a keystroke.
        sql = (
            f"SELECT {HIT_COLUMNS} FROM (SELECT id, score FROM ({union}) AS s "
            f"ORDER BY score DESC, id LIMIT %s) AS top {HIT_JOIN} ORDER BY top.score DESC, top.id"
        )
        with prepared_cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return cursor.fetchall()
