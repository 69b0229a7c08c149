"""Newsletters: the Audience team runs lists, issues and subscribers (personal
data, like members); Editors write and send issues and see the lists, not the
subscribers. ``get_or_create`` by name, like ``0006_appeal_permissions``."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = [f"{action}_{model}" for model in ("newsletter", "issue", "subscriber", "subscription", "delivery") for action in ("add", "change", "delete", "view")]
GRANTS = {
    "Audience": ALL,
    "Editors": ["add_issue", "change_issue", "view_issue", "view_newsletter"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        if app_config.label == "membership":
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="membership", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="membership", codename__in=ALL)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0007_newsletter_issue_subscriber_delivery_subscription"),
        ("membership", "0006_appeal_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
