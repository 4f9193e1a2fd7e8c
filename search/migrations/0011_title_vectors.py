"""PostgreSQL: the title vectors move out of the documents' rows into a narrow table of
their own, with the scope and facet tokens of the full vector (see search/README.md,
"PostgreSQL").

A broad word's title matches are each read to rank the most recent of them: `logement`
in 10,000 French case studies has 1,663, whose wide rows (each with its full vector,
about 1.7 kB) filled 1,237 heap blocks, 4 ms of the statement. Narrow rows (document id,
title vector) fit those matches in 147 blocks, and the facet tokens let the title index
alone apply the facet filters, which were checked on each row's facet characters.

As search_autocompletevector (migration 0010): the table is the index's own, not a model;
triggers remove a document's title vector however the document leaves the index, and
empty the table when the documents are truncated (the test suite's flush). The column
stays for one release, while the previous release runs (docs/deploy.md): a trigger copies
what it writes into the table. The new code leaves the column empty; the next release's
migration drops it, its index and the trigger.
"""

from django.db import migrations

TABLE = "search_titlevector"

# A document's title vector with its full vector's tokens (public in a language: "_sfr",
# a facet value: "_12"; no analysed word starts with "_"), from a row of
# search_indexeddocument named ``d``.
TITLE = (
    "d.title_vector || array_to_tsvector(ARRAY(SELECT t FROM "
    "unnest(tsvector_to_array(d.search_vector)) AS t WHERE left(t, 1) = '_'))"
)
# The title vector without the facet tokens, for the column again (backwards): migration
# 0008 gave it the scope token only.
UNTITLED = (
    "ts_delete(v.vector, ARRAY(SELECT t FROM unnest(tsvector_to_array(v.vector)) AS t "
    "WHERE t ~ '^_[0-9]'))"
)

POSTGRES = [
    (
        f"CREATE TABLE {TABLE} (document_id bigint PRIMARY KEY, vector tsvector NOT NULL)",
        f"DROP TABLE IF EXISTS {TABLE}",
    ),
    (
        f"INSERT INTO {TABLE} (document_id, vector) SELECT d.id, {TITLE} "
        "FROM search_indexeddocument d WHERE d.title_vector IS NOT NULL ORDER BY d.id",
        f"UPDATE search_indexeddocument d SET title_vector = {UNTITLED} "
        f"FROM {TABLE} v WHERE v.document_id = d.id",
    ),
    (
        f"CREATE INDEX search_title_vector ON {TABLE} USING gin (vector)",
        None,
    ),
    (
        f"""
CREATE FUNCTION search_copy_title() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (document_id, vector)
    SELECT d.id, {TITLE} FROM added d WHERE d.title_vector IS NOT NULL
    ON CONFLICT (document_id) DO UPDATE SET vector = excluded.vector;
    RETURN NULL;
END
$$
""",
        "DROP FUNCTION IF EXISTS search_copy_title() CASCADE",
    ),
    (
        "CREATE TRIGGER search_title_copied AFTER INSERT ON search_indexeddocument "
        "REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
        "EXECUTE FUNCTION search_copy_title()",
        None,
    ),
    (
        f"""
CREATE FUNCTION search_forget_title() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {TABLE} WHERE document_id IN (SELECT id FROM removed);
    RETURN NULL;
END
$$
""",
        "DROP FUNCTION IF EXISTS search_forget_title() CASCADE",
    ),
    (
        "CREATE TRIGGER search_title_removed AFTER DELETE ON search_indexeddocument "
        "REFERENCING OLD TABLE AS removed FOR EACH STATEMENT "
        "EXECUTE FUNCTION search_forget_title()",
        None,
    ),
    (
        f"""
CREATE FUNCTION search_truncate_title() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE {TABLE};
    RETURN NULL;
END
$$
""",
        "DROP FUNCTION IF EXISTS search_truncate_title() CASCADE",
    ),
    (
        "CREATE TRIGGER search_title_truncated AFTER TRUNCATE ON search_indexeddocument "
        "FOR EACH STATEMENT EXECUTE FUNCTION search_truncate_title()",
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
    dependencies = [("search", "0010_autocomplete_vectors")]

    operations = [migrations.RunPython(forwards, backwards)]
