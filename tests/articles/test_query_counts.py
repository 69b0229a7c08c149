"""Listing and article pages run a fixed number of SQL queries, whatever the
number of articles. Each constant below is pinned at 10 and at 200 articles."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

import pytest

from articles import caching
from tests.factories import ArticlePageFactory, AuthorFactory, ImageFactory, SectionPageFactory

# A listing of cards always costs the same five queries (listings.cards):
# articles, bylines with authors, lead images, their renditions, live sections.
CARDS = 5
# The Site, the SiteSettings and the view restrictions come from the cache
# (articles.lookups): no query for them on any page.

# Home: the page by path (1). Its listing is a cached fragment (home_page.html)...
HOME_QUERIES = 1
# ... which, when purged (any article published), costs the editors' picks, the
# live sections, the newest articles' ids and paths, from which the section
# rails come too (3), and the cards, whose sections are already known.
HOME_LISTING_QUERIES = 3 + CARDS - 1
# Section: home and section by path (3); the listing's count (1); the cards.
SECTION_QUERIES = 3 + 1 + CARDS
# Article: the page by path, walking down from the site root (5); bylines,
# lead image (shared by the template and the share image), corrections,
# tags (4). The "Related" box is a cached fragment (article_page.html).
ARTICLE_QUERIES = 5 + 4
# ... and when that fragment was purged (any article published): picks, tag
# ids, same-tag ids (3; the section's newest too when fewer than four share a
# tag) and their cards.
RELATED_QUERIES = 3 + CARDS
# Author: the author, the count, their links (3); the cards.
AUTHOR_QUERIES = 3 + CARDS
# Tag: the tag, the count (2); the cards.
TAG_QUERIES = 2 + CARDS


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


# Search-index and reference-index updates run as tasks on every save; they
# are not what this test measures, so building its 200 articles skips them.
SKIP_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
)


@SKIP_TASKS
def add_articles(sections, authors, images, count: int, start: int) -> list:
    articles = []
    for n in range(start, start + count):
        article = ArticlePageFactory(
            parent=sections[n % len(sections)],
            bylines=[authors[n % len(authors)], authors[(n + 1) % len(authors)]],
            lead_image=images[n % len(images)],
        )
        article.tags.add("energy", f"topic-{n % 3}")
        article.save()
        articles.append(article)
    return articles


@pytest.mark.django_db
@pytest.mark.usefixtures("uncached")
def test_reader_pages_run_a_constant_number_of_queries(client, home):
    sections = [SectionPageFactory(parent=home) for _ in range(3)]
    authors = [AuthorFactory() for _ in range(4)]
    images = [ImageFactory() for _ in range(2)]
    articles = add_articles(sections, authors, images, 10, 0)
    home.top_stories.create(article=articles[3])
    home.lead_story = articles[5]
    home.save()

    urls = {
        "home": "/",
        "section": sections[0].url,
        "article": articles[0].url,
        "author": authors[0].get_absolute_url(),
        "tag": "/tags/energy/",
    }
    for url in urls.values():  # warm up: renditions are made on first view
        client.get(url)
    at_10 = {name: count_queries(client, url) for name, url in urls.items()}

    add_articles(sections, authors, images, 190, 10)
    for url in urls.values():
        client.get(url)
    at_200 = {name: count_queries(client, url) for name, url in urls.items()}

    assert at_10 == at_200
    assert at_200 == {
        "home": HOME_QUERIES,
        "section": SECTION_QUERIES,
        "article": ARTICLE_QUERIES,
        "author": AUTHOR_QUERIES,
        "tag": TAG_QUERIES,
    }
    assert max(at_200.values()) <= 10

    caching.purge(caching.ARTICLES)  # what publishing any article does
    assert count_queries(client, urls["article"]) == ARTICLE_QUERIES + RELATED_QUERIES
    assert count_queries(client, urls["article"]) == ARTICLE_QUERIES
    assert count_queries(client, "/") == HOME_QUERIES + HOME_LISTING_QUERIES
    assert count_queries(client, "/") == HOME_QUERIES
