"""The database engines behind Wagtail's search API: index, rebuild, ``queryset.search()``.

This adapts Wagtail's backend classes to the index tables; what each database supplies and
the public site search are ``engine.DatabaseEngine``'s, the values they exchange
``site``'s, facet interning ``interning``'s.
"""

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

from .. import documents, results_cache
from ..models import IndexedDocument, IndexedText
from ..query import from_wagtail, plan
from .engine import DatabaseEngine, all_languages
from .interning import facet_chars
from .site import autocomplete_plan


def _delete_rows(ids=None):
    """Delete index rows (all of them without ``ids``) in plain SQL: they are the index's
    own, with no signals to send and nothing else pointing at them."""
    with connection.cursor() as cursor:
        for model in (IndexedText, IndexedDocument):
            table = connection.ops.quote_name(model._meta.db_table)
            key = "document_id" if model is IndexedText else "id"
            if ids is None:
                cursor.execute(f"DELETE FROM {table}")
            else:
                placeholders = ", ".join(["%s"] * len(ids))
                cursor.execute(f"DELETE FROM {table} WHERE {key} IN ({placeholders})", ids)


class DatabaseIndex(BaseIndex):
    def add_items(self, model, items):
        if not class_is_indexed(model) or not items:
            return
        docs = documents.build_many(model, list(items))
        results_cache.written()
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
            results_cache.written()
            self.backend.delete_fulltext(ids)
            _delete_rows(ids)

    def delete_item(self, item):
        content_type_id = documents.ContentType.objects.get_for_model(type(item)).pk
        with transaction.atomic():
            self.delete_objects(content_type_id, [str(item.pk)])

    def reset(self):
        results_cache.written()
        with transaction.atomic():
            self.backend.reset_fulltext()
            _delete_rows()

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
        results_cache.written()
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


class DatabaseSearchBackend(DatabaseEngine, BaseSearchBackend):
    query_compiler_class = DatabaseSearchQueryCompiler
    autocomplete_query_compiler_class = DatabaseAutocompleteQueryCompiler
    results_class = DatabaseSearchResults
    index_class = DatabaseIndex
    rebuilder_class = DatabaseRebuilder
