"""Indexes for the reader listings on Wagtail's page table.

Every listing orders live articles newest first
(``listings.newest_first``: ``first_published_at DESC NULLS LAST, id DESC``):
home, sections, author and tag pages, feeds, related articles. A partial index
on live pages in that order lets the database walk the newest rows and stop
after a page of them, instead of sorting every article. On PostgreSQL a
``varchar_pattern_ops`` index on the tree path serves the section filters
(``path LIKE '000100020001%'``) and their counts.
``tests/articles/test_indexes.py`` checks the plans with EXPLAIN on PostgreSQL.
"""

from django.db import migrations

NEWEST = (
    "CREATE INDEX IF NOT EXISTS articles_page_live_newest ON wagtailcore_page "
    "(first_published_at DESC NULLS LAST, id DESC) WHERE live"
)
PATH_PREFIX = (
    "CREATE INDEX IF NOT EXISTS articles_page_path_prefix ON wagtailcore_page "
    "(path varchar_pattern_ops) WHERE live"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        statements = [NEWEST, PATH_PREFIX]
    else:
        # SQLite sorts NULL first ascending, so last descending: the same order.
        statements = [NEWEST.replace(" NULLS LAST", "")]
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for name in ("articles_page_live_newest", "articles_page_path_prefix"):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial_groups_and_workflow"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
