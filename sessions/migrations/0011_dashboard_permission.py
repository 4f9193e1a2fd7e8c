"""The organisers' dashboard permission, for the editors' groups (counts only)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Wagtail's own editing groups, and the registration managers.
GROUPS = ("Editors", "Moderators", "Registration managers")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("event_sessions")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="event_sessions", codename="view_dashboard"
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="event_sessions", codename="view_dashboard"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("event_sessions", "0010_registration_questions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="registrationtally",
            options={
                "permissions": [("view_dashboard", "Can see the organisers' dashboard")],
                "verbose_name": "anonymous registration count",
                "verbose_name_plural": "anonymous registration counts",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
