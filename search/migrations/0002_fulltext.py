"""The full-text structure, which depends on the database (see search/README.md).

SQLite: FTS5 tables of analysed terms, keyed by the document id.
PostgreSQL: accent-folding French and English text search configurations, and tsvector
columns with GIN indexes on the documents table.
"""

from django.db import migrations

SQLITE = [
    (
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "title, lead, body, tokenize = 'unicode61 remove_diacritics 0')",
        "DROP TABLE IF EXISTS search_fts",
    ),
    (
        "CREATE VIRTUAL TABLE search_autocomplete USING fts5("
        "words, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')",
        "DROP TABLE IF EXISTS search_autocomplete",
    ),
]

POSTGRES = [
    ("CREATE EXTENSION IF NOT EXISTS unaccent", None),
]
for name, stemmer in (("french", "french_stem"), ("english", "english_stem"), ("simple", "simple")):
    POSTGRES.append(
        (
            f"CREATE TEXT SEARCH CONFIGURATION {name}_unaccent (COPY = {name}); "
            f"ALTER TEXT SEARCH CONFIGURATION {name}_unaccent "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}",
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}_unaccent",
        )
    )
POSTGRES += [
    (
        "ALTER TABLE search_indexeddocument ADD COLUMN search_vector tsvector, "
        "ADD COLUMN title_vector tsvector, ADD COLUMN autocomplete_vector tsvector",
        "ALTER TABLE search_indexeddocument DROP COLUMN search_vector, "
        "DROP COLUMN title_vector, DROP COLUMN autocomplete_vector",
    ),
    (
        "CREATE INDEX search_document_vector ON search_indexeddocument "
        "USING gin (search_vector)",
        "DROP INDEX IF EXISTS search_document_vector",
    ),
    (
        "CREATE INDEX search_document_title_vector ON search_indexeddocument "
        "USING gin (title_vector)",
        "DROP INDEX IF EXISTS search_document_title_vector",
    ),
    (
        "CREATE INDEX search_document_autocomplete ON search_indexeddocument "
        "USING gin (autocomplete_vector)",
        "DROP INDEX IF EXISTS search_document_autocomplete",
    ),
]

STATEMENTS = {"sqlite": SQLITE, "postgresql": POSTGRES}


def forwards(apps, schema_editor):
    for sql, _ in STATEMENTS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for _, sql in reversed(STATEMENTS.get(schema_editor.connection.vendor, [])):
        if sql:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [migrations.RunPython(forwards, backwards)]
