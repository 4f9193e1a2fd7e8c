"""The contract of a database engine (SQLite, PostgreSQL): what each one supplies, and the
site search and autocomplete built on it (one query for a results page with its facets)."""

import re

from wagtail.models import Locale, Page

from .. import suggest
from ..models import IndexedDocument, IndexedText
from ..query import parse, plan
from .interning import decode_facets, filter_values
from .site import EMPTY, SiteHit, SiteResults, autocomplete_plan, plan_terms, site_trees

TABLE = IndexedDocument._meta.db_table
TEXT_TABLE = IndexedText._meta.db_table
PAGE_TABLE = Page._meta.db_table
# What a site search returns for each hit on the page (``top`` holds id and score), and
# the join that gives it (``hit_join``): a page's path and locale come with it, all its
# link needs (search.service.build_results), so that a results page costs one statement,
# not one more for its pages' rows.
HIT_COLUMNS = (
    "top.id, top.score, d.content_type_id, d.object_id, d.kind, d.language, d.title, t.text, "
    "p.url_path, p.locale_id"
)


def hit_join(page_id):
    """HIT_COLUMNS' joins; ``page_id`` is the engine's expression of a document's object
    id as a page id (NULL or no page when it is not a number)."""
    return (
        f"JOIN {TABLE} d ON d.id = top.id LEFT JOIN {TEXT_TABLE} t ON t.document_id = top.id "
        f"LEFT JOIN {PAGE_TABLE} p ON p.id = {page_id} AND p.content_type_id = d.content_type_id"
    )


def on_site(doc):
    """Whether the public search may find this document."""
    return bool(doc.public and doc.kind and doc.language)


def language_key(language):
    """A language code as letters and digits, for table names and index tokens."""
    return re.sub(r"[^0-9a-z]", "_", language.lower())


def all_languages():
    return [*Locale.objects.values_list("language_code", flat=True), ""]


class DatabaseEngine:
    """What a database engine supplies (the full-text part), and the site search on it."""

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
        """The first ``limit`` titles starting as typed: rows of HIT_COLUMNS, best first,
        scores higher for better hits."""
        raise NotImplementedError

    def site_id_rows(self, expressions, conditions, limit=None):
        """The first ``limit`` hits' object ids (all without one), in the order
        ``site_rows`` ranks them (best first)."""
        raise NotImplementedError

    def site_id_set_rows(self, expressions, conditions):
        """Every hit's object id, unranked."""
        raise NotImplementedError

    def site_id_rows_and_set(self, expressions, conditions, limit):
        """(``site_id_rows``, ``site_id_set_rows``) at once: an engine may answer both
        with fewer queries."""
        return (
            self.site_id_rows(expressions, conditions, limit),
            self.site_id_set_rows(expressions, conditions),
        )

    # -- the public search page ------------------------------------------------------

    def site_plans(self, site_query):
        """(plans, expressions) of a site search, by language: each language's plan of the
        query, and its compiled expression, for the languages with something left to search
        (not only stop words)."""
        trees = site_trees(site_query)
        plans = {language: plan(tree, language) for language, tree in trees.items()}
        expressions = {
            language: self.compile_plan(node, language)
            for language, node in plans.items()
            if node is not None
        }
        return plans, {language: expr for language, expr in expressions.items() if expr}

    def site_search(self, site_query):
        plans, expressions = self.site_plans(site_query)
        if not expressions:
            return EMPTY
        conditions = []
        if site_query.filters:
            conditions = filter_values(site_query.filters)
            if conditions is None:
                return SiteResults([], 0, {}, plan_terms(plans))
        top, total, aggregated = self.site_rows(
            expressions, conditions, site_query.offset, site_query.limit
        )
        facets, labels = decode_facets(aggregated)
        return SiteResults(
            hits=[SiteHit(*row) for row in top],
            total=total,
            facets=facets,
            terms=plan_terms(plans),
            labels=labels,
        )

    def site_ids(self, site_query, limit=None):
        """The object ids of the first ``limit`` hits of a site search (every hit without
        one), best first, and nothing else.

        For a page that filters, counts and pages the hits itself (the library): the same
        analysis, text and ranking as the search page, without the hits' rows and facets.
        ``site_query.offset`` and ``site_query.limit`` are ignored.
        """
        found = self._id_search(site_query)
        return self.site_id_rows(*found, limit=limit) if found else []

    def site_id_set(self, site_query):
        """The object ids of every hit of a site search, in no particular order: what the
        hits are, not their ranking (a page that counts them itself reads only this)."""
        found = self._id_search(site_query)
        return self.site_id_set_rows(*found) if found else []

    def site_ids_and_set(self, site_query, limit):
        """(``site_ids(site_query, limit)``, ``site_id_set(site_query)``) in one go: a
        listing's first page by relevance and what it counts, with the query's analysis
        and facet filters read once."""
        found = self._id_search(site_query)
        return self.site_id_rows_and_set(*found, limit) if found else ([], [])

    def _id_search(self, site_query):
        """(expressions, conditions) of an id search, or None when nothing can match."""
        expressions = {}
        for language, tree in site_trees(site_query).items():
            expression = self.compile_plan(plan(tree, language), language)
            if expression:
                expressions[language] = expression
        conditions = filter_values(site_query.filters) if site_query.filters else []
        if not expressions or conditions is None:
            return None
        return expressions, conditions

    def site_suggestion(self, text, language):
        """ "Did you mean": the query with its unknown words corrected, or None."""
        return suggest.did_you_mean(text, language, self)

    def site_prefix_correction(self, text, language):
        """Autocomplete's text with its last, unknown prefix corrected by one edit, or None."""
        return suggest.correct_prefix(text, language, self)

    def vocabulary(self, language, prefixes):
        """``{word: documents}``: public words of ``language`` starting with one of
        ``prefixes``, with the number of public documents of ``language`` that contain each
        (unstemmed), see search.suggest."""
        raise NotImplementedError

    def frequencies(self, language, words, vocabulary, cap=None):
        """``{word: public documents of language}`` for ``words``, each counted up to
        ``cap`` documents when given: the vocabulary read them with the words."""
        counted = {word: vocabulary.get(word, 0) for word in words}
        return counted if cap is None else {word: min(n, cap) for word, n in counted.items()}

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
        return [SiteHit(*row) for row in self.autocomplete_rows(expressions, limit)]
