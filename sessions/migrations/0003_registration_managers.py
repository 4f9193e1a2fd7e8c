"""The "Registration managers" group: the only editors who see registrants' personal data."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Registration managers"
PERMISSIONS = [
    ("event_sessions", "view_registration"),
    ("event_sessions", "change_registration"),
    ("event_sessions", "delete_registration"),
    ("event_sessions", "view_openingnotice"),
    ("event_sessions", "delete_openingnotice"),
    ("event_sessions", "view_registrationtally"),
    ("wagtailadmin", "access_admin"),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; this group needs them now.
    # (wagtailadmin's own migration created access_admin.)
    app_config = apps.get_app_config("event_sessions")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("event_sessions", "0002_registration"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
