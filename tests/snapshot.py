"""The demo database as loaded, kept in memory and written back before each transactional test.

A live-server test needs committed data, so its database is flushed afterwards instead of
rolled back. Loading the bilingual demo again (wagtail-localize translations, revisions,
search index) took 12 s a test on SQLite. Django's serialized rollback, which saves every
object one by one, takes 1.2 s on SQLite and 5 s on PostgreSQL; this copy writes each table
back with a few multi-row INSERTs, sending no signal (so nothing is re-indexed).

The search index also keeps its full text outside the models (FTS5 tables on SQLite,
including one per language for the public search, tsvector columns on PostgreSQL: see
search/backends); it is copied here in SQL, keyed by the ``IndexedDocument`` ids the rows
come back with.
"""

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, connections, router, transaction
from django.db.migrations.loader import MigrationLoader

from search.backends.postgres import AUTOCOMPLETE_TABLE, DOCUMENT_WORDS, TITLE_TABLE

SQLITE_TABLES = {"search_fts": ["title", "lead", "body"], "search_autocomplete": ["words"]}
SQLITE_SITE_COLUMNS = ["title", "lead", "body", "labels", "facets"]  # search_site_<language> tables
POSTGRES_VECTORS = ["search_vector"]
# The index's own PostgreSQL tables (not models: a flush leaves them empty, by triggers).
POSTGRES_TABLES = {
    DOCUMENT_WORDS: ["document_id", "language", "words"],
    AUTOCOMPLETE_TABLE: ["document_id", "language", "on_site", "vector::text"],
    TITLE_TABLE: ["document_id", "vector::text"],
}

_tables = None
_fulltext = None


def take():
    """Remember the database as it is now (right after the demo is loaded)."""
    global _tables, _fulltext
    _tables = []
    for model, fields in _copied_models():
        objects = list(model._base_manager.order_by("pk"))
        if objects:
            _tables.append((model, fields, objects))
    _fulltext = _read_fulltext()
    # Django's serialized rollback then flushes without running post_migrate (which would
    # add content types and permissions back) after each transactional test; the copy it
    # would write back itself is empty, because restore() does it. On the class, not just
    # this connection object: once Playwright runs an event loop in this thread, Django
    # hands the tests another connection object (asgiref keeps one per context).
    wrapper = connections["default"]
    wrapper._test_serialized_contents = type(wrapper)._test_serialized_contents = "[]"


def restore():
    """Empty the database and write the copy back: rows, then the search index's text."""
    if _tables is None:
        return
    call_command(
        "flush", verbosity=0, interactive=False, inhibit_post_migrate=True, reset_sequences=False
    )
    with transaction.atomic(), connection.constraint_checks_disabled():
        for model, fields, objects in _tables:
            size = connection.ops.bulk_batch_size(fields, objects) or 1
            for start in range(0, len(objects), size):
                model._base_manager._insert(objects[start : start + size], fields=fields, raw=True)
        _write_fulltext()
        # The rows keep their ids: new ones must come after them (as loaddata does).
        models = [model for model, *_ in _tables]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
    connection.check_constraints(table_names=[model._meta.db_table for model, *_ in _tables])


def _copied_models():
    """The tables Django's serialized rollback would copy, plus many-to-many tables."""
    migrated = MigrationLoader(connection).migrated_apps
    for app_config in apps.get_app_configs():
        if app_config.models_module is None or app_config.label not in migrated:
            continue
        if app_config.name in settings.TEST_NON_SERIALIZED_APPS:
            continue
        for model in app_config.get_models(include_auto_created=True):
            if model._meta.can_migrate(connection) and router.allow_migrate_model(
                connection.alias, model
            ):
                fields = [f for f in model._meta.local_concrete_fields if not f.generated]
                yield model, fields


def _read_fulltext():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            found = {}
            for table, columns in _sqlite_tables(cursor).items():
                names = ", ".join(["rowid", *columns])
                cursor.execute(f"SELECT {names} FROM {table}")  # noqa: S608 - constant names
                found[table] = cursor.fetchall()
            return found
        if connection.vendor == "postgresql":
            vectors = ", ".join(f"{name}::text" for name in POSTGRES_VECTORS)
            cursor.execute(f"SELECT id, {vectors} FROM search_indexeddocument")  # noqa: S608
            found = {"search_indexeddocument": cursor.fetchall()}
            for table, columns in POSTGRES_TABLES.items():
                cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")  # noqa: S608
                found[table] = cursor.fetchall()
            return found
    return None


def _sqlite_tables(cursor):
    from search.backends.sqlite import site_tables

    return {
        **SQLITE_TABLES,
        **{
            # search_site_<language>_words: each public document's words, for suggestions.
            table: ["words"] if table.endswith("_words") else SQLITE_SITE_COLUMNS
            for table in site_tables(cursor)
        },
    }


def _write_fulltext():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for table, columns in _sqlite_tables(cursor).items():
                # FTS5 tables are not models: a flush leaves their rows behind.
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - constant names
                if table not in _fulltext:
                    continue  # a language's table created by a test after the copy
                names = ", ".join(["rowid", *columns])
                marks = ", ".join(["%s"] * (len(columns) + 1))
                cursor.executemany(
                    f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
                    _fulltext[table],
                )
        elif connection.vendor == "postgresql":
            sets = ", ".join(f"{name} = %s::tsvector" for name in POSTGRES_VECTORS)
            cursor.executemany(
                f"UPDATE search_indexeddocument SET {sets} WHERE id = %s",  # noqa: S608
                [(*vectors, pk) for pk, *vectors in _fulltext["search_indexeddocument"]],
            )
            # Each public document's words (not a model: a flush leaves none), whose
            # triggers count them into search_indexedword again: the counts copied with
            # the words' rows start from zero, or the words would count twice.
            cursor.execute("UPDATE search_indexedword SET documents = 0")
            for table, columns in POSTGRES_TABLES.items():
                rows = _fulltext[table]
                if rows:
                    names = ", ".join(column.split("::")[0] for column in columns)
                    # The vector comes back from its text as it was read.
                    marks = ["%s::tsvector" if "::" in column else "%s" for column in columns]
                    one = "(" + ", ".join(marks) + ")"
                    cursor.execute(
                        f"INSERT INTO {table} ({names}) "  # noqa: S608 - constant names
                        f"VALUES {', '.join([one] * len(rows))}",
                        [value for row in rows for value in row],
                    )
