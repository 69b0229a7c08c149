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
from articles.models import ArticlePage
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="EXPLAIN plans are checked on PostgreSQL"
)
BIG_TABLES = ("wagtailcore_page", "articles_articlepage")


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db(transaction=False)
def test_listing_queries_use_indexes(section):
    author = AuthorFactory()
    article = ArticlePageFactory(parent=section, bylines=[author], tags=["Energy"])
    newest = listings.newest_first
    queries = {
        "newest (home, site feed)": newest(listings.live_articles())[:20],
        "section page": newest(listings.live_articles().child_of(section))[20:40],
        "section count": listings.live_articles().child_of(section).values("pk"),
        "author page": newest(listings.live_articles().filter(bylines__author=author))[:20],
        "tag page": newest(listings.live_articles().filter(tagged_items__tag__slug="energy"))[:20],
        "article by id (cards)": ArticlePage.objects.filter(pk__in=[article.pk]),
    }
    for name, queryset in queries.items():
        text = plan(queryset)
        for table in BIG_TABLES:
            assert f"Seq Scan on {table}" not in text, f"{name}:\n{text}"
        if name.startswith(("newest", "section page")):
            # Walked newest first, stopping after a page: no sort of every article.
            assert "articles_page_live_newest" in text, f"{name}:\n{text}"
