"""PostgreSQL: the autocomplete vectors move out of the documents' rows into a narrow table
of their own (see search/README.md, "PostgreSQL").

Autocomplete ranks every title with a word that starts as typed: a two-letter start (a
typo corrected to `re`) is thousands of titles. Beside each document's full vector, a
row is about 1.5 kB, and ranking them read 2,156 heap blocks for French `re`; the narrow
rows (document id, language, whether the public search may find it, vector) fit in 317.

As search_documentword (migration 0009), the table is the index's own and not a model:
triggers remove a document's vector however the document leaves the index, and empty the
table when the documents are truncated (the test suite's flush).

The column stays for one release (docs/deploy.md: the previous release runs while the
workers restart). That release still writes it: a trigger copies what it writes into the
table, so a document it indexes meanwhile is suggested by the new code too. The new code
leaves the column empty; the next release's migration drops it, its index and the trigger.
"""

from django.db import migrations

TABLE = "search_autocompletevector"

POSTGRES = [
    (
        f"CREATE TABLE {TABLE} (document_id bigint PRIMARY KEY, language varchar(12) NOT NULL, "
        "on_site boolean NOT NULL, vector tsvector NOT NULL)",
        f"DROP TABLE IF EXISTS {TABLE}",
    ),
    (
        f"INSERT INTO {TABLE} (document_id, language, on_site, vector) "
        "SELECT id, language, public AND kind <> '' AND language <> '', autocomplete_vector "
        "FROM search_indexeddocument WHERE autocomplete_vector IS NOT NULL",
        "UPDATE search_indexeddocument d SET autocomplete_vector = a.vector "
        f"FROM {TABLE} a WHERE a.document_id = d.id",
    ),
    (
        f"CREATE INDEX search_autocomplete_vector ON {TABLE} USING gin (vector)",
        None,
    ),
    (
        f"""
CREATE FUNCTION search_copy_autocomplete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (document_id, language, on_site, vector)
    SELECT id, language, public AND kind <> '' AND language <> '', autocomplete_vector
    FROM added WHERE autocomplete_vector IS NOT NULL
    ON CONFLICT (document_id) DO UPDATE SET vector = excluded.vector;
    RETURN NULL;
END
$$
""",
        "DROP FUNCTION IF EXISTS search_copy_autocomplete() CASCADE",
    ),
    (
        "CREATE TRIGGER search_autocomplete_copied AFTER INSERT ON search_indexeddocument "
        "REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
        "EXECUTE FUNCTION search_copy_autocomplete()",
        None,
    ),
    (
        f"""
CREATE FUNCTION search_forget_autocomplete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {TABLE} WHERE document_id IN (SELECT id FROM removed);
    RETURN NULL;
END
$$
""",
        "DROP FUNCTION IF EXISTS search_forget_autocomplete() CASCADE",
    ),
    (
        "CREATE TRIGGER search_autocomplete_removed AFTER DELETE ON search_indexeddocument "
        "REFERENCING OLD TABLE AS removed FOR EACH STATEMENT "
        "EXECUTE FUNCTION search_forget_autocomplete()",
        None,
    ),
    (
        f"""
CREATE FUNCTION search_truncate_autocomplete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE {TABLE};
    RETURN NULL;
END
$$
""",
        "DROP FUNCTION IF EXISTS search_truncate_autocomplete() CASCADE",
    ),
    (
        "CREATE TRIGGER search_autocomplete_truncated AFTER TRUNCATE ON search_indexeddocument "
        "FOR EACH STATEMENT EXECUTE FUNCTION search_truncate_autocomplete()",
        None,
    ),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql, _ in POSTGRES:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _, sql in reversed(POSTGRES):
            if sql:
                schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0009_word_documents")]

    operations = [migrations.RunPython(forwards, backwards)]
