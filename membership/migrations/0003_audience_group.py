"""The "Audience" group: staff who edit tiers and the join page in the admin.

``get_or_create`` by name, so other apps may create or extend the same group.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "add_tier",
    "change_tier",
    "delete_tier",
    "view_tier",
    "change_joinpagesettings",
    "view_joinpagesettings",
]


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        if app_config.label == "membership":
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Audience")
    permissions = Permission.objects.filter(
        content_type__app_label="membership", codename__in=CODENAMES
    )
    group.permissions.add(*permissions)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )


def remove_group_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Audience").first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="membership", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0002_memberships"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group_permissions)]
