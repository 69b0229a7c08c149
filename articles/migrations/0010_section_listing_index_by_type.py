"""The section listing's covering index also carries the content type.

A section lists its articles only (its live pages show in its "LIVE" box):
``listings.section_pages`` filters on ``content_type_id``, which the index of
migration 0005 lacked, so the count and the page of ids would have read
every row (and SQLite then chose the content type's own index, every
article). The index is rebuilt led by the content type: one equality, then
the section's range of paths.
"""

from django.db import migrations

OLD = (
    "CREATE INDEX IF NOT EXISTS articles_page_live_path ON wagtailcore_page "
    "(path, depth, first_published_at, id) WHERE live"
)
NEW = (
    "CREATE INDEX IF NOT EXISTS articles_page_live_path ON wagtailcore_page "
    "(content_type_id, path, depth, first_published_at, id) WHERE live"
)
DROP = "DROP INDEX IF EXISTS articles_page_live_path"


def rebuild(sql: str):
    def run(apps, schema_editor):
        schema_editor.execute(DROP)
        schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_lead_image_alt_text_and_corrections")]

    operations = [migrations.RunPython(rebuild(NEW), rebuild(OLD))]
