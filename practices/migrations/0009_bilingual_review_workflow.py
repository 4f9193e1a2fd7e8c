"""The library's review workflow and its task, named in both languages
(practices.submissions), where they were named in English only."""

from django.db import migrations

RENAMED = {
    "Case study review": "Relecture des études de cas / Case study review",
    "Library editors review": "Relecture par l'équipe de la bibliothèque / Library editors review",
}


def rename(apps, schema_editor, names=RENAMED):
    for model in ("Workflow", "Task"):
        objects = apps.get_model("wagtailcore", model).objects
        for old, new in names.items():
            # Only a name nobody changed, and never into a name already taken.
            if not objects.filter(name=new).exists():
                objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0008_case_study_lab_is_author"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
