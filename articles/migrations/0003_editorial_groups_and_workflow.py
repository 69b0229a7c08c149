"""Newsroom roles and the reporter → editor review workflow.

Reporters create and edit articles and submit them for review; they cannot
publish. Editors publish, schedule and unpublish, and manage sections, authors,
redirects and site settings. Audience staff get their permissions from the
membership app (tiers, appeals, reports); the group is created here so every
install has the three roles.

Wagtail's first migration makes "Editors" (add/edit) and "Moderators" (publish)
groups and a "Moderators approval" workflow on the root page. We keep Wagtail's
workflow and retarget it: its approval task belongs to our Editors, and the
unused "Moderators" group is removed when it has no members.
"""

from django.db import migrations

PAGE_PERMISSIONS = {
    "Reporters": ["add_page", "change_page"],
    "Editors": ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    "Reporters": [
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
        ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
    ],
    "Editors": [
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image", "delete_image"]),
        ("wagtaildocs", "document", ["add_document", "change_document", "choose_document", "delete_document"]),
    ],
}
MODEL_PERMISSIONS = {
    "Reporters": [
        ("wagtailadmin", "admin", ["access_admin"]),
        ("articles", "author", ["view_author"]),
    ],
    "Editors": [
        ("wagtailadmin", "admin", ["access_admin"]),
        ("articles", "author", ["add_author", "change_author", "delete_author", "view_author"]),
        ("articles", "sitesettings", ["change_sitesettings"]),
        ("wagtailredirects", "redirect", ["add_redirect", "change_redirect", "delete_redirect"]),
        ("taggit", "tag", ["add_tag", "change_tag", "delete_tag", "view_tag"]),
    ],
    "Audience": [("wagtailadmin", "admin", ["access_admin"])],
}


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return perm


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ("Reporters", "Editors", "Audience")}
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root_page, permission=permission(apps, "wagtailcore", "page", codename)
            )
    for name, entries in COLLECTION_PERMISSIONS.items():
        for app_label, model, codenames in entries:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name],
                    collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )
    for name, entries in MODEL_PERMISSIONS.items():
        for app_label, model, codenames in entries:
            groups[name].permissions.add(*(permission(apps, app_label, model, c) for c in codenames))

    # Editors approve what reporters submit.
    task = GroupApprovalTask.objects.filter(name="Moderators approval").first()
    if task is not None:
        task.name = "Editor approval"
        task.save(update_fields=["name"])
        task.groups.set([groups["Editors"]])
        Workflow.objects.filter(name="Moderators approval").update(name="Editorial review")
    Group.objects.filter(name="Moderators", user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_publishing_model"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
