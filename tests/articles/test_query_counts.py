"""Listing and article pages run a fixed number of SQL queries, whatever the
number of articles. Each constant below is pinned at 10 and at 200 articles."""

from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

import pytest

from articles.cache import generations, purging
from tests.factories import ArticlePageFactory, AuthorFactory, ImageFactory, SectionPageFactory

# Reader pages are mostly cached template fragments kept until a publish
# purges them (articles.cache): a page's first reader after a publish
# renders them ("after a publish" below), every later one does not ("steady").
# The Site, the SiteSettings, the view restrictions, the root page and the live
# sections come from the cache (articles.cache.lookups): no query for them on any page.

# A page of cards costs three queries (listings.cards): articles with their lead
# images joined, bylines with authors, the images' card renditions.
CARDS = 3

# Steady: home 0 (its listing is a fragment); section: the listing's count (1);
# article 0 (the article as routing loaded it is kept under the articles'
# generation: articles.routing); author:
# the author, the count, their links (3); tag: the tag, the count (2).
STEADY = {"home": 0, "section": 1, "article": 0, "author": 3, "tag": 2}
# Routing an article when no article is kept: by path in one query, lead
# image joined and its corrections and tags gathered.
ROUTED = 1

# After one of its articles is published, each page renders its fragments again:
# home: editors' picks and the newest articles' ids (2) and the cards;
# section, author, tag: the cards;
# article: routed again (any article's publish drops the kept one), its
# bylines (1; its corrections and tags came with it) for the article fragment, then
# for "Related" the cards, chosen (editors' picks, then sharing a tag) in the
# cards' own query (listings.related_articles).
AFTER_PUBLISH = {
    "home": 2 + CARDS,
    "section": STEADY["section"] + CARDS,
    "article": ROUTED + 1 + CARDS,
    "author": STEADY["author"] + CARDS,
    "tag": STEADY["tag"] + CARDS,
}


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


def small_newsroom(home):
    """Three sections, four authors, two images and ten articles, with a lead
    story and a top story on the home page."""
    sections = [SectionPageFactory(parent=home) for _ in range(3)]
    authors = [AuthorFactory() for _ in range(4)]
    images = [ImageFactory() for _ in range(2)]
    articles = add_articles(sections, authors, images, 10, 0)
    home.top_stories.create(article=articles[3])
    home.lead_story = articles[5]
    home.save()
    return sections, authors, images, articles


@pytest.mark.django_db
@pytest.mark.usefixtures("uncached")
def test_reader_pages_run_a_constant_number_of_queries(client, home):
    sections, authors, images, articles = small_newsroom(home)

    urls = {
        "home": "/",
        "section": sections[0].url,
        "article": articles[0].url,
        "author": authors[0].get_absolute_url(),
        "tag": "/tags/energy/",
    }

    def steady() -> dict[str, int]:
        for url in urls.values():  # renditions are made on the first view
            client.get(url)
        return {name: count_queries(client, url) for name, url in urls.items()}

    def after_publish() -> dict[str, int]:
        counts = {}
        for name, url in urls.items():
            purging.purge_pages([articles[0]])  # what publishing it does
            counts[name] = count_queries(client, url)
        return counts

    at_10 = steady(), after_publish()
    add_articles(sections, authors, images, 190, 10)
    at_200 = steady(), after_publish()

    assert at_10 == at_200
    assert at_200 == (STEADY, AFTER_PUBLISH)
    assert max(AFTER_PUBLISH.values()) <= 9


@pytest.mark.django_db
@pytest.mark.usefixtures("uncached")
def test_a_purge_renders_a_fragment_once(client, home):
    section = SectionPageFactory(parent=home)
    article, *_ = add_articles([section], [AuthorFactory()], [ImageFactory()], 6, 0)
    client.get(article.url)
    client.get("/")
    generations.purge(generations.ARTICLES)  # another article published: "Related" again
    # Routed again, and the cards, chosen in their own query (the article's
    # tags came with it).
    assert count_queries(client, article.url) == ROUTED + CARDS
    assert count_queries(client, article.url) == STEADY["article"]
    assert count_queries(client, "/") == AFTER_PUBLISH["home"]
    assert count_queries(client, "/") == STEADY["home"]


# Cold: every cache emptied (the first view after a deploy or a site-wide
# purge, or an archive article reached from a search engine). Every page first
# looks up again what the cache kept: every site with its root page (a
# HomePage, joined) and settings, from which the request's site and Wagtail's
# site root paths are found in Python (1, articles.site.load_site), the live
# sections and the view restrictions with the menus' pages (1,
# articles.cache.lookups) and the member appeals (1); on the home page and
# sections the live pages on now (1, articles.live.distribution); then
# home: editors' picks, the newest ids and the cards;
# section: the count and the cards;
# article: the article with its corrections and tags (1), its lead image's
# renditions for the page and its share image (1, seo), its bylines (1), and
# "Related": the cards, chosen in their own query.
# Before this count was pinned: home 12, section 11, article 18; then home 10,
# section 9, article 13 (the live sections and the corrections and tags in
# queries of their own).
LOOKUPS = 1 + 1 + 1
LIVE_NOW = 1
COLD = {
    "home": LOOKUPS + LIVE_NOW + 2 + CARDS,
    "section": LOOKUPS + LIVE_NOW + 1 + CARDS,
    "article": LOOKUPS + 1 + 1 + 1 + CARDS,
}


@pytest.mark.django_db
@pytest.mark.usefixtures("uncached")
def test_cold_reader_pages_run_a_constant_number_of_queries(client, home):
    sections, authors, images, articles = small_newsroom(home)
    urls = {"home": "/", "section": sections[0].url, "article": articles[0].url}

    def cold() -> dict[str, int]:
        counts = {}
        for name, url in urls.items():
            client.get(url)  # renditions are made on the first view
            for each in caches.all():
                each.clear()
            counts[name] = count_queries(client, url)
        return counts

    at_10 = cold()
    add_articles(sections, authors, images, 190, 10)
    at_200 = cold()

    assert at_10 == at_200
    assert at_200 == COLD
    assert max(COLD.values()) <= 12
