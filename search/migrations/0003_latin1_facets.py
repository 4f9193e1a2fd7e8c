"""Facet characters now start at U+0021 (they started at U+0101), so every indexed
document's facet string changes. The index is derived data: it is emptied here, and
``update_index`` (run by ``make run`` and by every deployment, see docs/deploy.md)
rebuilds it.
"""

from django.db import migrations


def empty_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DELETE FROM search_fts")
        schema_editor.execute("DELETE FROM search_autocomplete")
    apps.get_model("search", "IndexedText").objects.all().delete()
    apps.get_model("search", "IndexedDocument").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(empty_index, empty_index)]
