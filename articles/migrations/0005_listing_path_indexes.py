"""Indexes that answer the paginated listings from the page table alone.

``listings.paginate`` counts a listing and picks one page of ids on
``wagtailcore_page`` before loading that page's articles:

- a section's articles are a range of tree paths at one depth
  (``listings.children_q``); a partial index on live pages by path, carrying
  the depth and the newest-first columns, answers the count and the page of
  ids without reading a row;
- author and tag pages take their article ids from the byline and tag
  tables; an index on (author, page) and on (tag, article) gives those ids
  without reading the rows either.
"""

from django.db import migrations

STATEMENTS = {
    "articles_page_live_path": (
        "CREATE INDEX IF NOT EXISTS articles_page_live_path ON wagtailcore_page "
        "(path, depth, first_published_at, id) WHERE live"
    ),
    "articles_byline_author_page": (
        "CREATE INDEX IF NOT EXISTS articles_byline_author_page ON articles_articlebyline "
        "(author_id, page_id)"
    ),
    "articles_pagetag_tag_article": (
        "CREATE INDEX IF NOT EXISTS articles_pagetag_tag_article ON articles_articlepagetag "
        "(tag_id, content_object_id)"
    ),
}


def create(apps, schema_editor):
    for sql in STATEMENTS.values():
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for name in STATEMENTS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_listing_indexes")]

    operations = [migrations.RunPython(create, drop)]
