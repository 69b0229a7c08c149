from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import feedparser
import pytest

from articles.feeds import FEED_IMAGE_SPEC, FEED_LENGTH
from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


@pytest.fixture
def newsroom(home, section):
    """Three World articles an hour apart (two by Olena), one Politics piece, one draft."""
    olena = AuthorFactory(name="Olena Koval", slug="olena-koval")
    politics = SectionPageFactory(parent=home, title="Politics", slug="politics")
    now = timezone.now()
    articles = [
        ArticlePageFactory(
            parent=section,
            title=f"World story {n}",
            bylines=[olena] if n != 1 else None,
            tags=["Diplomacy"] if n == 2 else [],
            first_published_at=now - timedelta(hours=n),
        )
        for n in range(3)
    ]
    articles.append(
        ArticlePageFactory(
            parent=politics,
            title="Politics story",
            bylines=[olena, AuthorFactory(name="Ivan Petrenko")],
            tags=["Diplomacy", "Elections"],
            first_published_at=now - timedelta(hours=5),
        )
    )
    draft = ArticlePageFactory(parent=section, title="Unpublished draft", bylines=[olena])
    draft.live = False
    draft.save()
    return {"olena": olena, "politics": politics, "articles": articles}


def titles(feed) -> list[str]:
    return [entry.title for entry in feed.entries]


def test_site_feed_lists_every_live_article_newest_first(client, newsroom):
    feed = parse(client, "/feed/")
    assert feed.feed.title == "The Test Ledger"
    assert feed.feed.link == "http://localhost/"
    assert feed.feed.language == "en"
    assert titles(feed) == ["World story 0", "World story 1", "World story 2", "Politics story"]


def test_feed_items_carry_summary_authors_categories_guid_date_and_image(client, newsroom):
    feed = parse(client, "/feed/")
    politics_story = newsroom["articles"][3]
    entry = feed.entries[3]
    assert entry.link == "http://localhost/politics/" + politics_story.slug + "/"
    assert entry.summary == politics_story.standfirst
    assert [a.name for a in entry.authors] == ["Olena Koval", "Ivan Petrenko"]
    assert [t.term for t in entry.tags] == ["Politics", "Diplomacy", "Elections"]
    assert entry.id == (
        f"tag:localhost,{politics_story.first_published_at.date().isoformat()}"
        f":article-{politics_story.pk}"
    )
    assert entry.guidislink is False
    published = politics_story.first_published_at.replace(microsecond=0)
    assert entry.published_parsed[:6] == published.utctimetuple()[:6]

    rendition = politics_story.lead_image.get_rendition(FEED_IMAGE_SPEC)
    [enclosure] = entry.enclosures
    assert enclosure.href == "http://localhost" + rendition.url
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == rendition.file.size > 0
    [media] = entry.media_content
    assert media["url"] == enclosure.href
    assert (media["width"], media["height"]) == (str(rendition.width), str(rendition.height))


def test_section_feed_lists_only_its_articles(client, newsroom, section):
    feed = parse(client, "/world/feed/")
    assert feed.feed.title == "World · The Test Ledger"
    assert feed.feed.link == "http://localhost/world/"
    assert titles(feed) == ["World story 0", "World story 1", "World story 2"]
    assert titles(parse(client, "/politics/feed/")) == ["Politics story"]


def test_author_feed_lists_their_live_articles(client, newsroom):
    feed = parse(client, "/authors/olena-koval/feed/")
    assert feed.feed.title == "Olena Koval · The Test Ledger"
    assert feed.feed.link == "http://localhost/authors/olena-koval/"
    assert titles(feed) == ["World story 0", "World story 2", "Politics story"]
    assert client.get("/authors/nobody/feed/").status_code == 404


def test_tag_feed_lists_tagged_articles(client, newsroom):
    feed = parse(client, "/tags/diplomacy/feed/")
    assert feed.feed.title == "Diplomacy · The Test Ledger"
    assert titles(feed) == ["World story 2", "Politics story"]
    assert client.get("/tags/no-such-tag/feed/").status_code == 404


def test_feed_without_articles_or_images_is_still_valid(client, section):
    assert parse(client, "/world/feed/").entries == []
    ArticlePageFactory(parent=section, lead_image=None)
    [entry] = parse(client, "/world/feed/").entries
    assert entry.enclosures == []
    assert "media_content" not in entry


def test_characters_xml_forbids_do_not_break_the_feed(client, section):
    ArticlePageFactory(parent=section, title="Tab\x0bbed", standfirst="Pasted \x0c from \x01 Word")
    [entry] = parse(client, "/feed/").entries
    assert entry.title == "Tabbed"
    assert entry.summary == "Pasted  from  Word"


# Queries per feed request, the same at 2 articles and at FEED_LENGTH + 1.
CARD_QUERIES = 4  # articles with lead images, their tags, bylines with authors, renditions
# The Site, its SiteSettings (name, language), the view restrictions and the
# live sections come from the cache (articles.cache.lookups).
SITE_FEED_QUERIES = CARD_QUERIES
LIVE_PAGES = 1  # the site and section feeds include live pages (articles.live)
FEED_QUERIES = {
    "/feed/": SITE_FEED_QUERIES + LIVE_PAGES,
    "/authors/feeder/feed/": SITE_FEED_QUERIES + 1,  # the author
    "/tags/energy/feed/": SITE_FEED_QUERIES + 1,  # the tag
    # Routed through the home page and the live sections, both from the cache.
    "/world/feed/": SITE_FEED_QUERIES + LIVE_PAGES,
}


@pytest.mark.usefixtures("uncached")
def test_feed_is_capped_and_runs_the_same_queries_whatever_its_length(client, section):
    author = AuthorFactory(slug="feeder")

    def count(url: str) -> int:
        client.get(url)  # the first run creates renditions and caches their sizes
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(2):
        ArticlePageFactory(parent=section, bylines=[author], tags=["Energy"])
    assert {url: count(url) for url in FEED_QUERIES} == FEED_QUERIES
    for _ in range(FEED_LENGTH + 1):
        ArticlePageFactory(parent=section, bylines=[author], tags=["Energy"])
    assert {url: count(url) for url in FEED_QUERIES} == FEED_QUERIES
    assert len(parse(client, "/feed/").entries) == FEED_LENGTH
