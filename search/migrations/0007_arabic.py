"""PostgreSQL: the Arabic text search configuration (see search/README.md).

``fairville_arabic`` copies the server's ``arabic`` configuration (Snowball's Arabic
stemmer, PostgreSQL 12 and later) when the server has it, and ``simple`` otherwise. Words
reach it already normalised by search.analysis (tashkeel and tatweel off, alef, ya and ta
marbuta unified), so without the stemmer a word still meets its other spellings, only
not its inflections.
"""

from django.db import migrations

CREATE = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'arabic') THEN
        CREATE TEXT SEARCH CONFIGURATION fairville_arabic (COPY = arabic);
    ELSE
        CREATE TEXT SEARCH CONFIGURATION fairville_arabic (COPY = simple);
    END IF;
END
$$
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS fairville_arabic"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_words")]

    operations = [migrations.RunPython(forwards, backwards)]
