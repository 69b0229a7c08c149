"""Every listing query can be answered from an index on PostgreSQL.

With sequential scans switched off for the planner, a plan that still reads
the page or article table sequentially has no index to use: the listing would
scan every article at newsroom scale. (On a few test rows the planner would
prefer scans anyway, so this is the honest check; ``make bench`` measures the
real thing on 20,000 articles.)
"""

from django.db import connection

import pytest

from articles import listings
from articles.models import ArticleByline, ArticlePage, ArticlePageTag
from tests.factories import ArticlePageFactory, AuthorFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="EXPLAIN plans are checked on PostgreSQL"
)
BIG_TABLES = ("wagtailcore_page", "articles_articlepage")


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def listing_queries(section, author) -> dict:
    """The queries behind every listing, as the views build them."""
    newest = listings.newest_first
    bylined = ArticleByline.objects.filter(author=author).values("page_id")
    tagged = ArticlePageTag.objects.filter(tag__slug="energy").values("content_object_id")
    by_author = newest(listings.listed_pages().filter(pk__in=bylined))
    return {
        "newest (home, site feed)": newest(listings.live_articles())[:20],
        "section page ids": listings.section_pages(section)[20:40].values("pk"),
        "section count": listings.section_pages(section).order_by().values("pk"),
        "author page ids": by_author[:20].values("pk"),
        "author count": by_author.order_by().values("pk"),
        "tag page ids": newest(listings.listed_pages().filter(pk__in=tagged))[:20].values("pk"),
        "cards of one page": ArticlePage.objects.filter(pk__in=by_author[:20].values("pk")),
    }


@postgresql_only
@pytest.mark.django_db(transaction=False)
def test_listing_queries_use_indexes(section):
    author = AuthorFactory()
    article = ArticlePageFactory(parent=section, bylines=[author], tags=["Energy"])
    queries = listing_queries(section, author)
    queries["article by id (cards)"] = ArticlePage.objects.filter(pk__in=[article.pk])
    for name, queryset in queries.items():
        text = plan(queryset)
        for table in BIG_TABLES:
            assert f"Seq Scan on {table}" not in text, f"{name}:\n{text}"
        if name.startswith("newest"):
            # Walked newest first, stopping after a page: no sort of every article.
            assert "articles_page_live_newest" in text, f"{name}:\n{text}"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own query plans")
@pytest.mark.django_db
def test_listing_counts_and_page_ids_come_from_indexes_on_sqlite(section):
    """Treebeard's ``path LIKE 'prefix%'`` made SQLite scan every live page for
    a section; a join on every byline or tag row made author and tag counts
    read every article. Each must now be a search in an index."""
    author = AuthorFactory()
    ArticlePageFactory(parent=section, bylines=[author], tags=["Energy"])
    expected = {
        "section page ids": "articles_page_live_path",
        "section count": "articles_page_live_path",
        "author page ids": "articles_byline_author_page",
        "author count": "articles_byline_author_page",
        "tag page ids": "articles_pagetag_tag_article",
    }
    queries = listing_queries(section, author)
    for name, index in expected.items():
        sql, params = queries[name].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            text = "\n".join(row[-1] for row in cursor.fetchall())
        assert index in text, f"{name}:\n{text}"
        assert "SCAN wagtailcore_page" not in text, f"{name}:\n{text}"
