"""Appeals are edited by the Audience team and by Editors: both groups get the
appeal snippet's permissions (which also open the appeal reports).

``get_or_create`` by name, like ``0003_audience_group``."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_appeal", "change_appeal", "delete_appeal", "view_appeal"]
GROUPS = ["Audience", "Editors"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        if app_config.label == "membership":
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="membership", codename__in=CODENAMES)
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="membership", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0005_appeals"),
        ("articles", "0003_editorial_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
