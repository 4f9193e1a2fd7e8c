"""What the SQLite and PostgreSQL backends share: the index tables, Wagtail's search API, and
the site search (one query for a results page with its facet counts).

A subclass supplies the full-text part for its database: how documents are written to the
full-text structure, how a query plan becomes a match expression, and the SQL of a search.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import CharField, Count
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    FilterFieldError,
)
from modelsearch.index import class_is_indexed
from wagtail.models import Locale

from .. import analysis, documents
from ..models import (
    MAX_FACET_VALUES,
    FacetValue,
    IndexedDocument,
    IndexedText,
    facet_id,
)
from ..query import from_wagtail, parse, plan

TABLE = IndexedDocument._meta.db_table
TEXT_TABLE = IndexedText._meta.db_table
# What a site search returns for each hit on the page (``top`` holds id and score), and
# the join that gives it.
HIT_COLUMNS = (
    "top.id, top.score, d.content_type_id, d.object_id, d.kind, d.language, d.title, t.text"
)
HIT_JOIN = f"JOIN {TABLE} d ON d.id = top.id LEFT JOIN {TEXT_TABLE} t ON t.document_id = top.id"


@dataclass
class SiteQuery:
    """A search of the public site: text, languages, facet filters, and the page wanted."""

    text: str
    languages: tuple
    filters: dict = field(default_factory=dict)
    offset: int = 0
    limit: int = 10


@dataclass
class SiteHit:
    id: int
    score: float
    content_type_id: int
    object_id: str
    kind: str
    language: str
    title: str
    text: str


@dataclass
class SiteResults:
    hits: list
    total: int
    facets: dict  # facet -> Counter(value -> count)
    terms: dict  # language -> folded words of the query, for highlighting
    searchable: bool = True  # False when nothing was left to search (only stop words)
    labels: dict = field(default_factory=dict)  # facet -> value -> stored FacetValue.labels


EMPTY = SiteResults(hits=[], total=0, facets={}, terms={}, searchable=False)


def on_site(doc):
    """Whether the public search may find this document."""
    return bool(doc.public and doc.kind and doc.language)


def language_key(language):
    """A language code as letters and digits, for table names and index tokens."""
    return re.sub(r"[^0-9a-z]", "_", language.lower())


def facet_tokens(facets):
    """Index tokens of a document's facet values ("_12"): no analysed word has a "_"."""
    return [f"_{facet_id(char)}" for char in facets]


def all_languages():
    return [*Locale.objects.values_list("language_code", flat=True), ""]


def facet_chars(pairs):
    """Intern (facet, value) pairs; returns {(facet, value): char}."""
    pairs = set(pairs)
    if not pairs:
        return {}
    known = _lookup(pairs)
    missing = pairs - set(known)
    if missing:
        FacetValue.objects.bulk_create(
            [FacetValue(facet=facet, value=value[:255]) for facet, value in missing],
            ignore_conflicts=True,
        )
        known = _lookup(pairs)
    return {pair: char for pair, char in known.items()}


def _lookup(pairs):
    facets = {facet for facet, _ in pairs}
    values = {value[:255] for _, value in pairs}
    found = {}
    for value in FacetValue.objects.filter(facet__in=facets, value__in=values):
        if value.pk < MAX_FACET_VALUES and (value.facet, value.value) in pairs:
            found[(value.facet, value.value)] = value.char
    return found


class DatabaseIndex(BaseIndex):
    def add_items(self, model, items):
        if not class_is_indexed(model) or not items:
            return
        docs = documents.build_many(model, list(items))
        with transaction.atomic():
            chars = facet_chars(pair for doc in docs for pair in doc.facets)
            self.delete_objects(docs[0].content_type_id, [doc.object_id for doc in docs])
            self.backend.insert_documents(
                docs,
                [
                    "".join(sorted({chars[pair] for pair in doc.facets if pair in chars}))
                    for doc in docs
                ],
            )

    def delete_objects(self, content_type_id, object_ids):
        ids = list(
            IndexedDocument.objects.filter(
                content_type_id=content_type_id, object_id__in=object_ids
            ).values_list("pk", flat=True)
        )
        if ids:
            self.backend.delete_fulltext(ids)
            IndexedText.objects.filter(pk__in=ids)._raw_delete(IndexedText.objects.db)
            IndexedDocument.objects.filter(pk__in=ids)._raw_delete(IndexedDocument.objects.db)

    def delete_item(self, item):
        content_type_id = documents.ContentType.objects.get_for_model(type(item)).pk
        with transaction.atomic():
            self.delete_objects(content_type_id, [str(item.pk)])

    def reset(self):
        with transaction.atomic():
            self.backend.reset_fulltext()
            IndexedText.objects.all()._raw_delete(IndexedText.objects.db)
            IndexedDocument.objects.all()._raw_delete(IndexedDocument.objects.db)

    def refresh(self):
        self.backend.optimize()


class DatabaseRebuilder:
    """``update_index``: rebuild in one transaction, so searches see the old index until done."""

    def __init__(self, index):
        self.index = index
        self.atomic = transaction.atomic()

    def start(self):
        self.atomic.__enter__()
        self.index.reset()
        return self.index

    def finish(self):
        self.atomic.__exit__(None, None, None)
        self.index.refresh()


class DatabaseSearchQueryCompiler(BaseSearchQueryCompiler):
    """``queryset.search()``: the queryset's own filters and ordering, our matching and ranking.

    The match runs once, in SQL, restricted to the queryset's primary keys by a subquery;
    only the requested slice of results comes back to Python.
    """

    DEFAULT_OPERATOR = "and"
    HANDLES_ORDER_BY_EXPRESSIONS = True
    autocomplete = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = from_wagtail(self.query)
        self.match_all = self.tree is None and not _is_match_none(self.query)
        self.title_only = self.fields is not None and set(self.fields) <= {"title"}

    def check(self):
        # Filters and ordering are applied by the database on the queryset itself.
        pass

    def matches(self, backend):
        """(sql, params) selecting ``object_id, score`` for every match in the queryset."""
        model = self.queryset.model
        content_types = [
            ct.pk
            for ct in documents.ContentType.objects.get_for_models(*_descendants(model)).values()
        ]
        pks_sql, pks_params = (
            self.queryset.order_by()
            .annotate(_search_pk=Cast("pk", output_field=CharField()))
            .values("_search_pk")
            .query.sql_with_params()
        )
        parts, params = [], []
        for language in all_languages():
            expression = backend.compile_plan(
                self.plan_for(language), language, autocomplete=self.autocomplete
            )
            if expression is None:
                continue
            sql, sql_params = backend.match_sql(
                expression,
                language,
                where=f"d.content_type_id IN ({', '.join(['%s'] * len(content_types))}) "
                f"AND d.object_id IN ({pks_sql})",
                where_params=[*content_types, *pks_params],
                autocomplete=self.autocomplete,
                title_only=self.title_only,
            )
            parts.append(sql)
            params.extend(sql_params)
        if not parts:
            return None, None
        return " UNION ALL ".join(
            f"SELECT * FROM ({part}) AS m{i}" for i, part in enumerate(parts)
        ), params

    def plan_for(self, language):
        return plan(self.tree, language)


def _is_match_none(query):
    from modelsearch.query import MatchAll, Not

    return isinstance(query, Not) and isinstance(query.subquery, MatchAll)


def _descendants(model):
    from django.apps import apps

    return [other for other in apps.get_models() if issubclass(other, model)]


class DatabaseAutocompleteQueryCompiler(DatabaseSearchQueryCompiler):
    autocomplete = True

    def plan_for(self, language):
        return autocomplete_plan(self.tree, language)


def autocomplete_plan(tree, language):
    """Every word of the query as a prefix of a title word: no stemming, stop words kept."""
    from ..query import AllOf, Term, Words

    words = []

    def visit(node):
        if isinstance(node, Words):
            for raw in node.words:
                words.extend(analysis.autocomplete_words(raw, language))
        elif hasattr(node, "children"):
            for child in node.children:
                visit(child)

    visit(tree)
    words = words[-6:]
    if not words:
        return None
    return AllOf(tuple(Term(word) for word in words)) if len(words) > 1 else Term(words[0])


class DatabaseSearchResults(BaseSearchResults):
    supports_facet = True

    def _matches(self):
        return self.query_compiler.matches(self.backend)

    def _do_search(self):
        compiler = self.query_compiler
        queryset = compiler.queryset
        if compiler.match_all:
            return list(queryset[self.start : self.stop])
        sql, params = self._matches()
        if sql is None:
            return []
        if not compiler.order_by_relevance:
            queryset = queryset.filter(pk__in=RawSQL(self._pk_sql(sql), params))
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            return list(queryset[self.start : self.stop])
        limit = "" if self.stop is None else f" LIMIT {int(self.stop - self.start)}"
        offset = f" OFFSET {int(self.start)}" if self.start else ""
        if not limit and offset:
            limit = " LIMIT -1" if connection.vendor == "sqlite" else " LIMIT ALL"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT object_id, score FROM ({sql}) AS matches "
                f"ORDER BY score DESC, object_id{limit}{offset}",
                params,
            )
            rows = cursor.fetchall()
        pk_field = queryset.model._meta.pk
        order = {pk_field.to_python(object_id): score for object_id, score in rows}
        objects = {obj.pk: obj for obj in queryset.filter(pk__in=list(order))}
        results = []
        for pk, score in order.items():
            obj = objects.get(pk)
            if obj is None:
                continue
            if self._score_field:
                setattr(obj, self._score_field, score)
            results.append(obj)
        return results

    def _pk_sql(self, sql):
        pk_field = self.query_compiler.queryset.model._meta.pk
        while pk_field.is_relation:
            pk_field = pk_field.target_field
        db_type = pk_field.cast_db_type(connection)
        return f"SELECT CAST(object_id AS {db_type}) FROM ({sql}) AS matches"

    def _do_count(self):
        compiler = self.query_compiler
        if compiler.match_all:
            return compiler.queryset.count()
        sql, params = self._matches()
        if sql is None:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({sql}) AS matches", params)
            return cursor.fetchone()[0]

    def facet(self, field_name):
        compiler = self.query_compiler
        if compiler._get_filterable_field(field_name) is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to '
                f"{compiler.queryset.model.__name__}.search_fields.",
                field_name=field_name,
            )
        queryset = compiler.queryset
        if not compiler.match_all:
            sql, params = self._matches()
            if sql is None:
                return {}
            queryset = queryset.filter(pk__in=RawSQL(self._pk_sql(sql), params))
        counts = queryset.values(field_name).annotate(count=Count("pk")).order_by("-count")
        return {row[field_name]: row["count"] for row in counts}


class DatabaseSearchBackend(BaseSearchBackend):
    query_compiler_class = DatabaseSearchQueryCompiler
    autocomplete_query_compiler_class = DatabaseAutocompleteQueryCompiler
    results_class = DatabaseSearchResults
    index_class = DatabaseIndex
    rebuilder_class = DatabaseRebuilder

    def __init__(self, params):
        super().__init__(params)
        self.params = params

    # -- what each database supplies -------------------------------------------------

    def insert_documents(self, docs, facet_strings):
        rows = IndexedDocument.objects.bulk_create(
            [
                IndexedDocument(
                    content_type_id=doc.content_type_id,
                    object_id=doc.object_id,
                    language=doc.language,
                    kind=doc.kind,
                    public=doc.public,
                    date=doc.date,
                    title=doc.title,
                    facets=facets,
                )
                for doc, facets in zip(docs, facet_strings, strict=True)
            ]
        )
        IndexedText.objects.bulk_create(
            [IndexedText(document=row, text=doc.text) for row, doc in zip(rows, docs, strict=True)]
        )
        self.write_fulltext(
            [
                (row.pk, doc, facets)
                for row, doc, facets in zip(rows, docs, facet_strings, strict=True)
            ]
        )

    def write_fulltext(self, rows):
        """Index ``[(document id, Document, facet characters)]`` in the full-text structure."""
        raise NotImplementedError

    def delete_fulltext(self, ids):
        raise NotImplementedError

    def reset_fulltext(self):
        raise NotImplementedError

    def optimize(self):
        pass

    def compile_plan(self, node, language, autocomplete=False):
        raise NotImplementedError

    def match_sql(self, expression, language, where, where_params, autocomplete, title_only):
        raise NotImplementedError

    def site_rows(self, expressions, conditions, offset, limit):
        """(top rows, total, concatenated facet characters) for a site search.

        ``conditions`` are the ids of the facet values every hit must have. Top rows are
        tuples of HIT_COLUMNS, best first, scores higher for better hits.
        """
        raise NotImplementedError

    def autocomplete_rows(self, expressions, limit):
        raise NotImplementedError

    # -- the public search page ------------------------------------------------------

    def site_search(self, site_query):
        tree = parse(site_query.text)
        plans = {language: plan(tree, language) for language in site_query.languages}
        expressions = {
            language: self.compile_plan(node, language)
            for language, node in plans.items()
            if node is not None
        }
        expressions = {language: expr for language, expr in expressions.items() if expr}
        if not expressions:
            return EMPTY
        conditions = []
        if site_query.filters:
            conditions = _filter_values(site_query.filters)
            if conditions is None:
                return SiteResults([], 0, {}, _terms(plans))
        top, total, aggregated = self.site_rows(
            expressions, conditions, site_query.offset, site_query.limit
        )
        facets, labels = decode_facets(aggregated)
        return SiteResults(
            hits=[SiteHit(*row) for row in top],
            total=total,
            facets=facets,
            terms=_terms(plans),
            labels=labels,
        )

    def site_autocomplete(self, text, languages, limit=8):
        tree = parse(text)
        expressions = {}
        for language in languages:
            expression = self.compile_plan(
                autocomplete_plan(tree, language), language, autocomplete=True
            )
            if expression:
                expressions[language] = expression
        if not expressions:
            return []
        return load_hits(self.autocomplete_rows(expressions, limit))


def _terms(plans):
    from ..query import terms

    return {language: set(terms(node)) for language, node in plans.items() if node is not None}


def _filter_values(filters):
    """The ids of the facet values every result must have, or None if a value is unknown."""
    pairs = {(facet, str(value)) for facet, value in filters.items()}
    ids = []
    for pk, facet, value in FacetValue.objects.filter(
        facet__in={facet for facet, _ in pairs}, value__in={value for _, value in pairs}
    ).values_list("pk", "facet", "value"):
        if (facet, value) in pairs:
            ids.append(pk)
    return ids if len(ids) == len(pairs) else None


def decode_facets(aggregated):
    """({facet: Counter(value: count)}, {facet: {value: stored labels}}) of the hits."""
    counts = Counter(aggregated or "")
    if not counts:
        return {}, {}
    ids = {facet_id(char): count for char, count in counts.items()}
    facets, labels = {}, {}
    table = FacetValue._meta.db_table
    with connection.cursor() as cursor:
        # A plain query: this runs for every results page, and the ORM's overhead shows.
        cursor.execute(
            f"SELECT id, facet, value, labels FROM {table} "
            f"WHERE id IN ({', '.join(['%s'] * len(ids))})",
            list(ids),
        )
        for pk, facet, value, stored in cursor.fetchall():
            facets.setdefault(facet, Counter())[value] = ids[pk]
            labels.setdefault(facet, {})[value] = (
                json.loads(stored) if isinstance(stored, str) else stored
            )
    return facets, labels


def load_hits(rows):
    """The hits of rows (document id, score), in order."""
    scores = dict(rows)
    if not scores:
        return []
    values = ", ".join(["(%s, %s)"] * len(scores))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH top (id, score) AS (VALUES {values}) SELECT {HIT_COLUMNS} FROM top {HIT_JOIN}",
            [value for pair in scores.items() for value in pair],
        )
        found = {row[0]: row for row in cursor.fetchall()}
    return [SiteHit(*found[pk]) for pk in scores if pk in found]
