"""PostgreSQL: each title vector gets its document's scope token (``_sfr``: public, in
French; see search/README.md), as its full vector has it, so that the title index alone
finds a results page's title matches in the language searched. The token is the full
vector's own word that starts with "_s" (no analysed word starts with "_"; facet tokens
are "_" and digits). Backwards: dropped again.
"""

from django.db import migrations

TOKENS = (
    "array_to_tsvector(ARRAY(SELECT token FROM unnest(tsvector_to_array(search_vector)) "
    "AS token WHERE left(token, 2) = '_s'))"
)
FORWARDS = f"UPDATE search_indexeddocument SET title_vector = title_vector || {TOKENS}"
BACKWARDS = (
    "UPDATE search_indexeddocument SET title_vector = ts_delete(title_vector, "
    "ARRAY(SELECT token FROM unnest(tsvector_to_array(title_vector)) AS token "
    "WHERE left(token, 2) = '_s'))"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_arabic")]

    operations = [migrations.RunPython(forwards, backwards)]
