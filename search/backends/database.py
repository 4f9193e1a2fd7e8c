"""The project's database search backend: FTS5 on SQLite, tsvector on PostgreSQL.

Select it with ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}``;
like Wagtail's own database backend, it picks the implementation for the database in use.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection


def SearchBackend(params):  # noqa: N802 (Wagtail looks up this name in the module)
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend(params)
    if connection.vendor == "postgresql":
        from .postgres import PostgresSearchBackend

        return PostgresSearchBackend(params)
    raise ImproperlyConfigured(
        f"search.backends.database supports SQLite and PostgreSQL, not {connection.vendor}."
    )
