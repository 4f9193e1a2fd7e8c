"""PostgreSQL: each public word's documents, counted as the index is written (see
search/README.md, "Typos forgiven").

"Did you mean" and autocomplete's correction weigh each candidate word by the public
documents of its language that contain it. They were counted with the GIN index at each
question, one bitmap per candidate (a common word's costs its whole posting list), and
counted the word's stem: "groups" counted every page with "group". Here the index keeps,
for each public document, its distinct unstemmed words (``search_documentword``, written
by ``insert_documents``), and triggers keep ``search_indexedword.documents`` equal to the
number of such documents: a row added counts its words, a row removed (a document
deleted, unpublished or re-indexed, however it is deleted) uncounts them, so a word no
public page has any more counts zero. SQLite reads the same counts from FTS5 (fts5vocab).

The counts start at zero: ``update_index`` must run after this migration (the words of
documents already indexed are not known without it).
"""

from django.db import migrations, models

# One transaction at a time changes the counts (an advisory lock held to its commit):
# two publishes that share words would otherwise lock their rows in different orders.
COUNTS_LOCK = 7315150009

POSTGRES = [
    (
        "CREATE TABLE search_documentword (document_id bigint PRIMARY KEY, "
        "language varchar(12) NOT NULL, words text[] NOT NULL)",
        "DROP TABLE IF EXISTS search_documentword",
    ),
    (
        f"""
CREATE FUNCTION search_count_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({COUNTS_LOCK});
    IF TG_OP = 'INSERT' THEN
        INSERT INTO search_indexedword (language, word, start, documents)
        SELECT a.language, w, left(w, 2), count(*)
        FROM added a CROSS JOIN LATERAL unnest(a.words) AS w
        WHERE length(w) BETWEEN 1 AND 100
        GROUP BY a.language, w ORDER BY a.language, w
        ON CONFLICT (language, word)
        DO UPDATE SET documents = search_indexedword.documents + excluded.documents;
    ELSE
        UPDATE search_indexedword i SET documents = greatest(i.documents - g.n, 0)
        FROM (SELECT r.language, w, count(*) AS n
              FROM removed r CROSS JOIN LATERAL unnest(r.words) AS w
              GROUP BY r.language, w) g
        WHERE i.language = g.language AND i.word = g.w;
    END IF;
    RETURN NULL;
END
$$
""",
        "DROP FUNCTION IF EXISTS search_count_words() CASCADE",
    ),
    (
        "CREATE TRIGGER search_words_added AFTER INSERT ON search_documentword "
        "REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
        "EXECUTE FUNCTION search_count_words()",
        None,
    ),
    (
        "CREATE TRIGGER search_words_removed AFTER DELETE ON search_documentword "
        "REFERENCING OLD TABLE AS removed FOR EACH STATEMENT "
        "EXECUTE FUNCTION search_count_words()",
        None,
    ),
    # However a document leaves the index, its words leave the counts.
    (
        """
CREATE FUNCTION search_forget_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_documentword WHERE document_id IN (SELECT id FROM removed);
    RETURN NULL;
END
$$
""",
        "DROP FUNCTION IF EXISTS search_forget_words() CASCADE",
    ),
    (
        "CREATE TRIGGER search_document_removed AFTER DELETE ON search_indexeddocument "
        "REFERENCING OLD TABLE AS removed FOR EACH STATEMENT "
        "EXECUTE FUNCTION search_forget_words()",
        None,
    ),
    # And when the documents are truncated (the test suite's flush), so are their words.
    (
        """
CREATE FUNCTION search_truncate_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE search_documentword;
    UPDATE search_indexedword SET documents = 0 WHERE documents <> 0;
    RETURN NULL;
END
$$
""",
        "DROP FUNCTION IF EXISTS search_truncate_words() CASCADE",
    ),
    (
        "CREATE TRIGGER search_documents_truncated AFTER TRUNCATE ON search_indexeddocument "
        "FOR EACH STATEMENT EXECUTE FUNCTION search_truncate_words()",
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
    dependencies = [("search", "0008_scoped_titles")]

    operations = [
        migrations.AddField(
            model_name="indexedword",
            name="documents",
            field=models.IntegerField(db_default=0),
        ),
        migrations.RunPython(forwards, backwards),
    ]
