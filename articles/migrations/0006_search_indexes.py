"""Indexes for Wagtail's database search backend on PostgreSQL.

The backend (``modelsearch.backends.database.postgres``) joins each article
to its index entry on ``object_id = page_ptr_id::varchar(50)``, matches a
query against the concatenation of the entry's two search vectors,
``(title || body) @@ to_tsquery(...)``, and ranks the matches. Wagtail indexes
``title`` and ``body`` separately, and PostgreSQL cannot use either index for
the concatenation (the old ``postgres_search`` contrib app had this index,
wagtail/wagtail#6546; the database backend that replaced it does not), so
every search read and concatenated every entry twice, for the count and for
the page of results (60–80 ms each over 20,000 articles).

- ``articles_search_title_body``: a GIN index on exactly that expression
  finds the matching entries;
- ``articles_article_ptr_text``: an index on the article id as the text the
  join compares, so the matches are joined to their articles by index
  instead of by hashing every article.

``ANALYZE`` gives the planner statistics on the new expressions. SQLite
searches its own FTS5 table; other databases get nothing here.
``tests/articles/test_indexes.py`` checks the plans.
"""

from django.db import migrations

SEARCH = "articles_search_title_body"
ARTICLE = "articles_article_ptr_text"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    entries = quote(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    articles = quote(apps.get_model("articles", "ArticlePage")._meta.db_table)
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {SEARCH} ON {entries} USING gin ((title || body))"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {ARTICLE} ON {articles} ((page_ptr_id::varchar(50)))"
    )
    schema_editor.execute(f"ANALYZE {entries}")
    schema_editor.execute(f"ANALYZE {articles}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in (SEARCH, ARTICLE):
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_listing_path_indexes"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
