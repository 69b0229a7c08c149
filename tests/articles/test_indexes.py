"""Every listing and search query can be answered from an index on PostgreSQL.

With sequential scans switched off for the planner, a plan that still reads
the page or article table sequentially has no index to use: the listing would
scan every article at newsroom scale. (On a few test rows the planner would
prefer scans anyway, so this is the honest check; ``make bench`` measures the
real thing on 20,000 articles.) Search plans need a few more realistic
statistics and join settings: see ``test_search_queries_use_the_search_indexes``.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.search.index import insert_or_update_object

import pytest

from articles import listings
from articles.cache import lookups
from articles.models import ArticleByline, ArticlePage, ArticlePageTag
from tests.factories import ArticlePageFactory, AuthorFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="EXPLAIN plans are checked on PostgreSQL"
)
BIG_TABLES = ("wagtailcore_page", "articles_articlepage")
# Migration 0006.
SEARCH_INDEX = "articles_search_title_body"
ARTICLE_ID_INDEX = "articles_article_ptr_text"


def plan(queryset, *off: str) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", *off):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        text = "\n".join(row[0] for row in cursor.fetchall())
        for setting in off:
            cursor.execute(f"SET LOCAL {setting} = on")
        return text


def listing_queries(section, author) -> dict:
    """The queries behind every listing, as the views build them."""
    newest = listings.newest_first
    bylined = ArticleByline.objects.filter(author=author).values("page_id")
    tagged = ArticlePageTag.objects.filter(tag__slug="energy").values("content_object_id")
    by_author = newest(listings.listed_pages().filter(pk__in=bylined))
    return {
        "newest (home, site feed)": newest(ArticlePage.objects.public())[:20],
        "section page ids": listings.section_pages(section, ArticlePage)[20:40].values("pk"),
        "section count": listings.section_pages(section, ArticlePage).order_by().values("pk"),
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
            # Walked newest first, stopping after a page: no sort of every
            # article. With sorting off the planner must walk an index in that
            # order (on a few test rows, which plan it prefers otherwise
            # depends on the statistics earlier tests left behind).
            text = plan(queryset, "enable_sort")
            assert "articles_page_live_newest" in text, f"{name}:\n{text}"
            assert "Sort Key" not in text, f"{name}:\n{text}"


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


def search_queries(client, query: str) -> list[str]:
    """The full-text search queries the search page runs (the count and the
    page of ids), as sent to the database."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    # The live pages' search (a handful of rows, distribution.search) is left out.
    return [
        q["sql"]
        for q in captured.captured_queries
        if "indexentry" in q["sql"] and "articles_liveblogpage" not in q["sql"]
    ]


def raw_plan(sql: str, *off: str) -> str:
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", *off):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET ALL")
    return plan


@postgresql_only
@pytest.mark.django_db(transaction=False)
def test_search_queries_use_the_search_indexes(client, section):
    """Wagtail's backend filters on ``(title || body) @@ query`` and joins
    entries to articles on the article id as text; without migration 0006
    PostgreSQL reads every index entry and hashes every article to answer a
    search, twice per page."""
    for n in range(3):
        article = ArticlePageFactory(parent=section, title=f"Ceasefire talks, day {n}")
        insert_or_update_object(article)
    # A few matches among many articles and thousands of index entries, with
    # statistics, as on a real site (on a handful of rows every plan costs
    # the same). The extra entries belong to no page.
    for n in range(30):
        ArticlePageFactory(parent=section, title=f"Grain harvest, week {n}", lead_image=None)
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title_norm,"
            " autocomplete, title, body, title_text, body_text)"
            " SELECT %s, 'none-' || n, 1.0, '', to_tsvector('grain harvest week ' || n),"
            " to_tsvector('the first convoy left at dawn'), '', ''"
            " FROM generate_series(1, 2000) AS n",
            [article_type],
        )
        # Move the new entries from the GIN pending list into the index proper
        # (what VACUUM does on a live site), so the planner costs it as one.
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
        for table in ("wagtailsearch_indexentry", *BIG_TABLES):
            cursor.execute(f"ANALYZE {table}")
    for query in ("ceasefire", "ceasefire talks"):
        sqls = search_queries(client, query)
        assert len(sqls) == 2, sqls  # the count and one page of ids
        for sql in sqls:
            text = raw_plan(sql)
            # The matches come from the GIN index on the very expression.
            assert f"Bitmap Index Scan on {SEARCH_INDEX}" in text, f"{sql}\n{text}"
            assert "Index Cond: ((title || body) @@" in text, f"{sql}\n{text}"
            for table in (*BIG_TABLES, "wagtailsearch_indexentry"):
                assert f"Seq Scan on {table}" not in text, f"{sql}\n{text}"
            # Joined one by one, as on a real site where hashing every article
            # costs more, each match finds its article through an index.
            text = raw_plan(sql, "enable_hashjoin", "enable_mergejoin", "enable_material")
            # An index scan or a bitmap scan of the same index: which one the
            # planner picks depends on statistics left by earlier tests.
            uses_index = (
                f"Index Scan using {ARTICLE_ID_INDEX}" in text
                or f"Bitmap Index Scan on {ARTICLE_ID_INDEX}" in text
            )
            assert uses_index, f"{sql}\n{text}"
            assert "Index Cond: (((page_ptr_id)::character varying(50))::text =" in text, (
                f"{sql}\n{text}"
            )


@pytest.mark.django_db
def test_the_menus_pages_and_lookups_read_no_whole_page_table(section):
    """The cold site's one query for the menus' pages, the live sections and
    the view restrictions scanned every page (6 ms on SQLite at 5,000
    articles); each of its parts is a search by id now."""
    ArticlePageFactory(parent=section)
    with CaptureQueriesContext(connection) as captured:
        pages = lookups.live_pages_and_lookups({section.pk})
    assert list(pages) == [section.pk]
    (sql,) = (q["sql"] for q in captured.captured_queries)
    text = any_plan(sql)
    assert "SCAN wagtailcore_page" not in text, text
    assert "Seq Scan on wagtailcore_page" not in text, text


def any_plan(sql: str) -> str:
    """The plan of ``sql`` on either database: SQLite's own, or PostgreSQL's
    with sequential scans off (a scan left in it has no index to use)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}")
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return "\n".join(str(row[-1]) for row in cursor.fetchall())
