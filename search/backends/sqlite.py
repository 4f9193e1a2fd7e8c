"""SQLite: an FTS5 index of terms analysed in Python, ranked by bm25 in one pass.

Documents are analysed by :mod:`search.analysis` (folding, elision, compounds, stop words,
Snowball stems) and stored as plain space-separated terms in ``search_fts`` (three columns:
title, lead, body), keyed by the ``IndexedDocument`` id. Titles also go, unstemmed, to
``search_autocomplete``, which has prefix indexes for search-as-you-type.

A results page is one statement: the ``MATCH`` runs once into a materialised CTE holding
each hit's bm25 score and facet characters; the page is the top of it, and one
``group_concat`` returns every facet value of every hit as a single string, counted in
Python at C speed. Nothing per hit is sent to Python.
"""

from django.db import connection

from .. import analysis
from ..query import AllOf, AnyOf, Exclude, Seq, Term
from .base import HIT_COLUMNS, HIT_JOIN, TABLE, DatabaseSearchBackend

FTS = "search_fts"
AUTOCOMPLETE = "search_autocomplete"
# bm25 weights of the title, lead and body columns.
WEIGHTS = "10.0, 4.0, 1.0"


def _quote(term):
    # Terms are letters and digits only (see analysis.WORD_RE); quoting makes them literal.
    return '"' + term.replace('"', "") + '"'


class SQLiteSearchBackend(DatabaseSearchBackend):
    def write_fulltext(self, rows):
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS} (rowid, title, lead, body) VALUES (%s, %s, %s, %s)",
                [
                    (
                        pk,
                        analysis.index_terms(doc.title, doc.language),
                        analysis.index_terms(doc.lead, doc.language),
                        analysis.index_terms(doc.body, doc.language),
                    )
                    for pk, doc in rows
                ],
            )
            cursor.executemany(
                f"INSERT INTO {AUTOCOMPLETE} (rowid, words) VALUES (%s, %s)",
                [
                    (pk, " ".join(analysis.autocomplete_words(doc.autocomplete, doc.language)))
                    for pk, doc in rows
                ],
            )

    def delete_fulltext(self, ids):
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({placeholders})", ids)
            cursor.execute(f"DELETE FROM {AUTOCOMPLETE} WHERE rowid IN ({placeholders})", ids)

    def reset_fulltext(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS}")
            cursor.execute(f"DELETE FROM {AUTOCOMPLETE}")

    def optimize(self):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")
            cursor.execute(f"INSERT INTO {AUTOCOMPLETE} ({AUTOCOMPLETE}) VALUES ('optimize')")

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
            return (
                "(" + joiner.join(self._compile(child, language) for child in node.children) + ")"
            )
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
        hits, params = [], []
        for language, expression in expressions.items():
            extra = "".join(" AND instr(d.facets, %s) > 0" for _ in conditions)
            hits.append(
                f"SELECT d.id AS id, bm25({FTS}, {WEIGHTS}) AS score, d.facets AS facets "
                f"FROM {FTS} CROSS JOIN {TABLE} d ON d.id = {FTS}.rowid "
                f"WHERE {FTS} MATCH %s AND d.language = %s AND d.public AND d.kind <> ''{extra}"
            )
            params.extend([expression, language, *conditions])
        sql = (
            f"WITH hits AS MATERIALIZED ({' UNION ALL '.join(hits)}) "
            f"SELECT {HIT_COLUMNS}, NULL FROM "
            "(SELECT id, score FROM hits ORDER BY score, id LIMIT %s OFFSET %s) AS top "
            f"{HIT_JOIN} "
            "UNION ALL SELECT -1, count(*), NULL, NULL, NULL, NULL, NULL, NULL, "
            "group_concat(facets, '') FROM hits"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            rows = cursor.fetchall()
        top = sorted((row for row in rows if row[0] != -1), key=lambda row: (row[1], row[0]))
        total, aggregated = next((row[1], row[-1]) for row in rows if row[0] == -1)
        return [(row[0], -row[1], *row[2:-1]) for row in top], total, aggregated

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
        sql = f"SELECT id, score FROM ({' UNION ALL '.join(parts)}) ORDER BY score, id LIMIT %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return [(pk, -score) for pk, score in cursor.fetchall()]
