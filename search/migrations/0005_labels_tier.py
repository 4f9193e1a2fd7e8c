"""Documents gain a fourth tier, labels (the names of a page's tags, levers and lab),
weighed lightly; on SQLite the site tables gain a column for it. The index is derived
data: the site tables are dropped (each is created again with its language's first
document) and the index emptied; ``update_index`` (run by ``make run`` and by every
deployment, see docs/deploy.md) rebuilds it.
"""

from django.db import migrations


def empty_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name LIKE 'search\\_site\\_%' ESCAPE '\\' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
            tables = [name for (name,) in cursor.fetchall()]
        for table in tables:
            schema_editor.execute(f"DROP TABLE {table}")
        schema_editor.execute("DELETE FROM search_fts")
        schema_editor.execute("DELETE FROM search_autocomplete")
    apps.get_model("search", "IndexedText").objects.all().delete()
    apps.get_model("search", "IndexedDocument").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_facet_labels")]

    operations = [migrations.RunPython(empty_index, empty_index)]
