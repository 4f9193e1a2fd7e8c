"""SQLite: an FTS5 index of terms analysed in Python, ranked by bm25 in one pass.

Documents are analysed by :mod:`search.analysis` (folding, elision, compounds, stop words,
Snowball stems) and stored as plain space-separated terms in ``search_fts`` (three columns:
title, lead, body), keyed by the ``IndexedDocument`` id; Wagtail's search API
(``queryset.search()``, the admin) reads it. Titles also go, unstemmed, to
``search_autocomplete``, which has prefix indexes for search-as-you-type.

The public search reads its own tables, one per language (``search_site_fr``...), holding
only what it may find: public results in that language, with a fourth column of facet
tokens ("_12", which no analysed word can be). The index alone then selects the language,
the visibility and the facet filters, so ranking reads no other table and costs what a
bare bm25 query costs, and bm25's statistics are those of one language. A language's
table is created when its first document is written.

A results page is one statement of two parts: the top hits by bm25 with their columns, and
the count with one ``group_concat`` of every hit's facet characters, a single string
counted in Python at C speed. Nothing per hit is sent to Python.
"""

from dataclasses import dataclass

from django.db import connection

from .. import analysis
from ..query import AllOf, AnyOf, Exclude, Seq, Term
from .base import DatabaseSearchBackend
from .engine import HIT_COLUMNS, TABLE, hit_join, language_key, on_site
from .interning import facet_tokens

FTS = "search_fts"
AUTOCOMPLETE = "search_autocomplete"
# bm25 weights of the title, lead and body columns (search_fts); the site tables add
# labels (tags', levers' and labs' names: light, like facets) and the facet tokens (none).
WEIGHTS = "10.0, 4.0, 1.0"
SITE_WEIGHTS = "10.0, 4.0, 1.0, 0.2, 0.0"
# A hit whose own words (title, lead, body) match the whole query ranks before every hit
# that needs its labels to match: labels select, like facets, they do not make a page
# about a theme. bm25 scores are small negative numbers; this moves the first group ahead.
OWN_TEXT_FIRST = 1_000_000
# Among them, a hit whose title alone matches the whole query (the page named after it)
# ranks first, as on PostgreSQL: bm25 weighs a title word 10 body words, so a body that
# repeats one query word a dozen times outranked it. bm25 stays far below this (at most
# about 32 a word of the query).
TITLE_FIRST = 100_000
# bm25 reads every hit it scores (about 1 µs each): a query matching most of the site ranks
# RANK_CANDIDATES of its hits, not all of them, as the PostgreSQL backend does: its title
# matches first, then its most recently indexed hits; then it lists the other hits, most
# recent first. Below that many hits, the ranking is exact; the order is the same on every
# page.
RANK_CANDIDATES = 500
# A document's object id as a page's: a page's is its number (another object's id may
# cast to one too, but its content type is no page's).
HIT_JOIN = hit_join("CAST(d.object_id AS INTEGER)")
SITE_PREFIX = "search_site_"
ID_SEPARATOR = "\x1f"  # the unit separator, which no object id holds
SITE_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS {} USING fts5(title, lead, body, labels, facets, "
    "tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\")"
)


# The public words of each language, unstemmed, once per document: what "did you mean"
# and autocomplete's typo correction read, through fts5vocab (word -> documents).
# detail=none keeps only which documents have a word: no positions, a small index.
WORDS_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS {} USING fts5(words, detail = none, "
    'tokenize = "unicode61 remove_diacritics 0")'
)
VOCAB_TABLE = "CREATE VIRTUAL TABLE IF NOT EXISTS {} USING fts5vocab({}, 'row')"
VOCAB_PREFIX = "search_vocab_"


def site_table(language):
    return SITE_PREFIX + language_key(language)


def words_table(table):
    # Named under the site tables' prefix, so that deleting and resetting them cover it.
    return table + "_words"


def vocab_table(table):
    return VOCAB_PREFIX + table[len(SITE_PREFIX) :]


def site_tables(cursor):
    """The site tables that exist (a language's is created with its first document)."""
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE %s ESCAPE '\\' "
        "AND sql LIKE 'CREATE VIRTUAL TABLE%%'",
        [SITE_PREFIX.replace("_", "\\_") + "%"],
    )
    return {name for (name,) in cursor.fetchall()}


def _quote(term):
    # Terms are letters and digits only (see analysis.WORD_RE); quoting makes them literal.
    return '"' + term.replace('"', "") + '"'


def _titled(table, filters, expression):
    """The title matches that are candidates (the RANK_CANDIDATES most recently indexed),
    as a query of their rowids, and its parameters."""
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s ORDER BY rowid DESC LIMIT %s"
    return sql, [f"{filters}{{title}} : ({expression})", RANK_CANDIDATES]


def _cut(table, filters, expression, titled, titled_params=()):
    """The lowest rowid of the other candidates (those whose title does not match: the
    most recently indexed, as many as the title matches ``titled`` leave room for), as a
    query, and its parameters: a rowid range, which FTS5 answers without reading the
    other hits. Above every rowid when the title matches fill the candidates (not NULL,
    which would make "not a candidate" unknown)."""
    sql = (
        f"SELECT coalesce(min(id), {2**63 - 1}) AS id FROM (SELECT rowid AS id FROM {table} "
        f"WHERE {table} MATCH %s "
        f"ORDER BY rowid DESC LIMIT max(0, %s - (SELECT count(*) FROM ({titled}))))"
    )
    others = f"({filters}{expression}) NOT ({{title}} : ({expression}))"
    return sql, [others, RANK_CANDIDATES, *titled_params]


def _candidate(table, filters, expression):
    """The condition (and its parameters) of a hit that bm25 ranks: one of the
    RANK_CANDIDATES, the title matches first (the most recently indexed of them), then
    the most recently indexed hits, as on PostgreSQL."""
    titled, titled_params = _titled(table, filters, expression)
    cut, cut_params = _cut(table, filters, expression, titled, titled_params)
    sql = f"(rowid >= ({cut}) OR rowid IN ({titled}))"
    return sql, [*cut_params, *titled_params]


def _score(table, filters, expression):
    """A candidate's score (lower is better) and its parameters: bm25 with the site
    weights, ahead of every hit that needs its labels to match when its own words match,
    and ahead of those when its title matches. ``titled`` and ``cut`` name the title
    matches and the others' lowest rowid (MATERIALIZED CTEs of the statement: read once,
    looked up by every place that asks).

    Whether a candidate's own words match is asked of the candidates only (the recent
    ones, and the title matches whose own words match): a query matching most of the
    site would otherwise list every hit's rowid for a few hundred look-ups, which took
    half of the statement's time for a common word at 10,000 pages. Without an
    exclusion, a title that matches the whole query is own words that match it (the
    title is one of them), so the title matches are those; with one (``-word``), the
    word may be in the body, and both are asked.
    """
    own_match = f"{filters}{{title lead body}} : ({expression})"
    if " NOT " in expression:  # an Exclude (terms are quoted and lowercase)
        own_title = f"rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"
        own_title_params = [f"{own_match} AND {{title}} : ({expression})"]
    else:
        own_title, own_title_params = "rowid IN titled", []
    sql = (
        f"bm25({table}, {SITE_WEIGHTS}) - CASE WHEN rowid IN "
        f"(SELECT rowid FROM {table} WHERE {table} MATCH %s AND rowid >= (SELECT id FROM cut)) "
        f"OR {own_title} THEN {OWN_TEXT_FIRST} ELSE 0 END "
        f"- CASE WHEN rowid IN titled THEN {TITLE_FIRST} ELSE 0 END"
    )
    return sql, [own_match, *own_title_params]


# The lowest rowid of any candidate, a title match's included, from the ``titled`` and
# ``cut`` CTEs: a bound FTS5 takes (its plan's ``>``), so that ranking reads a broad
# query's hits from there on only, not every hit to be filtered.
LOWEST_CANDIDATE = "(SELECT min(id, coalesce((SELECT min(rowid) FROM titled), id)) FROM cut)"


@dataclass
class _SitePart:
    """One language's share of a site search: its table and its MATCH with the filters."""

    table: str
    filters: str  # the facet tokens every hit must have, as a MATCH prefix
    expression: str

    @property
    def match(self):
        return self.filters + self.expression

    def ranked(self):
        """The candidates with their scores (negative: lower is better), and parameters:
        a statement of its own (``WITH titled ...``), first of any compound it heads."""
        titled, titled_params = _titled(self.table, self.filters, self.expression)
        cut, cut_params = _cut(self.table, self.filters, self.expression, "SELECT * FROM titled")
        score, score_params = _score(self.table, self.filters, self.expression)
        sql = (
            f"WITH titled AS MATERIALIZED ({titled}), cut AS MATERIALIZED ({cut}) "
            f"SELECT rowid AS id, {score} AS score FROM {self.table} "
            f"WHERE {self.table} MATCH %s AND rowid >= {LOWEST_CANDIDATE} "
            "AND (rowid >= (SELECT id FROM cut) OR rowid IN titled)"
        )
        return sql, [*titled_params, *cut_params, *score_params, self.match]

    def unranked(self):
        """The hits that are not candidates, most recent first: bm25 scores are negative,
        so their positive positions sort them after every ranked hit."""
        candidate, candidate_params = _candidate(self.table, self.filters, self.expression)
        sql = (
            "SELECT rowid AS id, row_number() OVER (ORDER BY rowid DESC) AS score "
            f"FROM {self.table} WHERE {self.table} MATCH %s AND NOT {candidate}"
        )
        return sql, [self.match, *candidate_params]


def _placed(hits, position, languages):
    """``hits`` (id, score: lower is better) of the language at ``position`` among
    ``languages``, with their place in the merged ranking (site.merge_ranked): the n-th
    best hit of each language before the (n+1)-th of any, the reader's language first."""
    return (
        f"SELECT id, score, (row_number() OVER (ORDER BY score, id) - 1) * {languages} "
        f"+ {position} AS place FROM ({hits})"
    )


def _first_hits(part, count):
    """The first ``count`` hits (-1: every hit) of ``part``'s language, which hold its
    share of a merged page: its ranked candidates, then its other hits, most recent
    first."""
    sql, params = part.ranked()
    hits = [f"SELECT * FROM ({sql} ORDER BY score, rowid LIMIT %s)"]
    params = [*params, count]
    # The candidates alone hold the first RANK_CANDIDATES hits.
    if count < 0 or count > RANK_CANDIDATES:
        sql, unranked_params = part.unranked()
        hits.append(f"SELECT * FROM ({sql} ORDER BY rowid DESC LIMIT %s)")
        params += [*unranked_params, count]
    return " UNION ALL ".join(hits), params


def _site_parts(expressions, conditions):
    """A _SitePart per language searched whose site table exists."""
    with connection.cursor() as cursor:
        existing = site_tables(cursor)
    filters = "".join(f'"_{pk}" AND ' for pk in conditions)
    for language, expression in expressions.items():
        table = site_table(language)
        if table in existing:
            yield _SitePart(table, filters, expression)


def _id_rows_sql(site_parts, limit):
    """The first ``limit`` hits' object ids (every hit for None) with their ``place``, in
    site_rows' order: each language's ranked candidates, then its other hits, most recent
    first, the languages merged by place; None without a site table."""
    tops, params = [], []
    first = -1 if limit is None else limit  # LIMIT -1: every hit
    for position, part in enumerate(site_parts):
        # As site_rows: only the ``limit`` kept are joined to their documents.
        sql, sql_params = _first_hits(part, first)
        tops.append(_placed(sql, position, len(site_parts)))
        params += sql_params
    if not tops:
        return None
    sql = (
        "SELECT d.object_id AS object_id, top.place AS place FROM (SELECT id, place "
        f"FROM ({' UNION ALL '.join(tops)}) ORDER BY place LIMIT %s) AS top "
        f"JOIN {TABLE} d ON d.id = top.id"
    )
    return sql, [*params, first]


def _id_set_sql(site_parts):
    """Every hit's object id, as one string per language (ids joined by the unit
    separator, which no id holds: thousands of ids cost one row each to fetch)."""
    # The separator is a literal: SQLite calls char(31) again for each hit (0.6 of
    # 1.8 ms for a word in 10,000 pages).
    parts = [
        f"SELECT group_concat(d.object_id, '{ID_SEPARATOR}') AS ids FROM {part.table} "
        f"CROSS JOIN {TABLE} d ON d.id = {part.table}.rowid WHERE {part.table} MATCH %s"
        for part in site_parts
    ]
    if not parts:
        return None
    return " UNION ALL ".join(parts), [part.match for part in site_parts]


def _split_ids(strings):
    """The ids of ``_id_set_sql``'s strings, split in C (9,886 ids: 0.2 ms, where a
    comprehension over them took 0.3)."""
    joined = ID_SEPARATOR.join(filter(None, strings))
    return joined.split(ID_SEPARATOR) if joined else []


class SQLiteSearchBackend(DatabaseSearchBackend):
    def write_fulltext(self, rows):
        analysed, site, words = [], {}, {}
        for pk, doc, facets in rows:
            # The words once, their stems from them (index_terms is the same, analysed twice).
            texts = [
                analysis.index_words(text, doc.language)
                for text in (doc.title, doc.lead, doc.body, doc.labels)
            ]
            terms = [
                " ".join([analysis.stem(word, doc.language) for word in found]) for found in texts
            ]
            # Wagtail's API (the admin) finds labels as body text.
            analysed.append((pk, *terms[:2], f"{terms[2]} {terms[3]}"))
            if on_site(doc):
                tokens = " ".join(facet_tokens(facets))
                table = site_table(doc.language)
                site.setdefault(table, []).append((pk, *terms, tokens))
                distinct = " ".join({word for found in texts for word in found})
                words.setdefault(table, []).append((pk, distinct))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS} (rowid, title, lead, body) VALUES (%s, %s, %s, %s)", analysed
            )
            for table, values in site.items():
                cursor.execute(SITE_TABLE.format(table))
                cursor.executemany(
                    f"INSERT INTO {table} (rowid, title, lead, body, labels, facets) "
                    "VALUES (%s, %s, %s, %s, %s, %s)",
                    values,
                )
                cursor.execute(WORDS_TABLE.format(words_table(table)))
                cursor.execute(VOCAB_TABLE.format(vocab_table(table), words_table(table)))
                cursor.executemany(
                    f"INSERT INTO {words_table(table)} (rowid, words) VALUES (%s, %s)",
                    words[table],
                )
            cursor.executemany(
                f"INSERT INTO {AUTOCOMPLETE} (rowid, words) VALUES (%s, %s)",
                [
                    (pk, " ".join(analysis.autocomplete_words(doc.autocomplete, doc.language)))
                    for pk, doc, _ in rows
                ],
            )

    def delete_fulltext(self, ids):
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            for table in [FTS, AUTOCOMPLETE, *site_tables(cursor)]:
                cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({placeholders})", ids)

    def reset_fulltext(self):
        with connection.cursor() as cursor:
            for table in [FTS, AUTOCOMPLETE, *site_tables(cursor)]:
                cursor.execute(f"DELETE FROM {table}")

    def optimize(self):
        with connection.cursor() as cursor:
            for table in [FTS, AUTOCOMPLETE, *site_tables(cursor)]:
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")

    def compile_plan(self, node, language, autocomplete=False):
        if node is None:
            return None
        if autocomplete:
            words = [node] if isinstance(node, Term) else node.children
            return " AND ".join(_quote(word.word) + "*" for word in words)
        return self._compile(node, language)

    def _compile(self, node, language):
        if isinstance(node, Term):
            return _quote(analysis.stem(node.word, language))
        if isinstance(node, Seq):
            return _quote(" ".join(analysis.stem(term.word, language) for term in node.terms))
        if isinstance(node, (AllOf, AnyOf)):
            joiner = " AND " if isinstance(node, AllOf) else " OR "
            # Forms that stem alike are one term: "voisin·e·s" plans "voisin e s" or
            # "voisines", both "voisin". FTS5 would read the term's doclist once per copy
            # in each of the statement's MATCHes; bm25 only doubled every score.
            compiled = (self._compile(child, language) for child in node.children)
            children = list(dict.fromkeys(compiled))
            return children[0] if len(children) == 1 else "(" + joiner.join(children) + ")"
        if isinstance(node, Exclude):
            keep = self._compile(node.keep, language)
            drop = self._compile(node.drop, language)
            return f"({keep} NOT {drop})"
        raise TypeError(node)

    def match_sql(self, expression, language, where, where_params, autocomplete, title_only):
        table = AUTOCOMPLETE if autocomplete else FTS
        if title_only and not autocomplete:
            expression = "{title} : (" + expression + ")"
        rank = f"bm25({table})" if autocomplete else f"bm25({FTS}, {WEIGHTS})"
        sql = (
            f"SELECT d.object_id AS object_id, -{rank} AS score "
            f"FROM {table} JOIN {TABLE} d ON d.id = {table}.rowid "
            f"WHERE {table} MATCH %s AND d.language = %s AND {where}"
        )
        return sql, [expression, language, *where_params]

    def site_rows(self, expressions, conditions, offset, limit):
        tops, counts, top_params, count_params = [], [], [], []
        parts = list(_site_parts(expressions, conditions))
        for position, part in enumerate(parts):
            sql, params = _first_hits(part, offset + limit)
            tops.append(_placed(sql, position, len(parts)))
            top_params += params
            counts.append(
                f"SELECT count(*) AS n, group_concat(d.facets, '') AS f FROM {part.table} "
                f"CROSS JOIN {TABLE} d ON d.id = {part.table}.rowid WHERE {part.table} MATCH %s"
            )
            count_params.append(part.match)
        if not tops:
            return [], 0, ""
        sql = (
            f"SELECT {HIT_COLUMNS}, top.place, NULL FROM (SELECT id, score, place FROM "
            f"({' UNION ALL '.join(tops)}) ORDER BY place LIMIT %s OFFSET %s) AS top "
            f"{HIT_JOIN} "
            "UNION ALL SELECT -1, sum(n), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
            f"group_concat(f, '') FROM ({' UNION ALL '.join(counts)})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*top_params, limit, offset, *count_params])
            rows = cursor.fetchall()
        top = sorted((row for row in rows if row[0] != -1), key=lambda row: row[-2])
        total, aggregated = next((row[1], row[-1]) for row in rows if row[0] == -1)
        return [(row[0], -row[1], *row[2:-2]) for row in top], total or 0, aggregated

    def site_id_rows(self, expressions, conditions, limit=None):
        found = _id_rows_sql(list(_site_parts(expressions, conditions)), limit)
        if found is None:
            return []
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT object_id FROM ({found[0]}) ORDER BY place", found[1])
            return [object_id for (object_id,) in cursor.fetchall()]

    def site_id_set_rows(self, expressions, conditions):
        found = _id_set_sql(list(_site_parts(expressions, conditions)))
        if found is None:
            return []
        with connection.cursor() as cursor:
            cursor.execute(found[0], found[1])
            return _split_ids(ids for (ids,) in cursor.fetchall())

    def site_id_rows_and_set(self, expressions, conditions, limit):
        """Both from one statement, the site tables read once: the ranked ids as rows
        (with their place, to order them), then every hit's ids as one string per
        language."""
        parts = list(_site_parts(expressions, conditions))
        ranked, every = _id_rows_sql(parts, limit), _id_set_sql(parts)
        if ranked is None:
            return [], []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 0, place, object_id FROM ({ranked[0]}) "
                f"UNION ALL SELECT 1, NULL, ids FROM ({every[0]})",
                [*ranked[1], *every[1]],
            )
            rows = cursor.fetchall()
        first = [row[2] for row in sorted(row for row in rows if row[0] == 0)]
        return first, _split_ids(ids for kind, *_, ids in rows if kind == 1)

    def vocabulary(self, language, prefixes):
        """``{word: documents}`` of the public words of ``language`` starting with one of
        ``prefixes``."""
        table = site_table(language)
        with connection.cursor() as cursor:
            if words_table(table) not in site_tables(cursor):
                return {}
            vocab = vocab_table(table)
            sql = " UNION ALL ".join(
                [f"SELECT term, doc FROM {vocab} WHERE term >= %s AND term < %s"] * len(prefixes)
            )
            cursor.execute(
                sql, [value for prefix in prefixes for value in (prefix, prefix + "\U0010ffff")]
            )
            return dict(cursor.fetchall())

    def autocomplete_rows(self, expressions, limit):
        parts, params = [], []
        for language, expression in expressions.items():
            parts.append(
                f"SELECT * FROM (SELECT d.id AS id, bm25({AUTOCOMPLETE}) AS score "
                f"FROM {AUTOCOMPLETE} JOIN {TABLE} d ON d.id = {AUTOCOMPLETE}.rowid "
                f"WHERE {AUTOCOMPLETE} MATCH %s AND d.language = %s AND d.public "
                "AND d.kind <> '' ORDER BY score LIMIT %s)"
            )
            params.extend([expression, language, limit])
        # The hits' columns in the same statement: one round trip a keystroke. bm25 is
        # lower for better hits; the rows' scores are higher for better ones.
        sql = (
            f"SELECT {HIT_COLUMNS} FROM (SELECT id, -score AS score FROM "
            f"({' UNION ALL '.join(parts)}) ORDER BY score DESC, id LIMIT %s) AS top "
            f"{HIT_JOIN} ORDER BY top.score DESC, top.id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return cursor.fetchall()
