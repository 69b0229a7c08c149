"""A live page beyond itself: LiveBlogPosting JSON-LD, the LIVE box on the
home page and its section while live, the feeds, the news sitemap; once
ended, a normal archived page."""

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import feedparser
import pytest

from articles.cache import lookups
from articles.live import distribution, entries, reading
from tests.articles.live.conftest import add_entries, make_live
from tests.articles.test_head_meta import Head, by_type
from tests.factories import AuthorFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

# schema.org properties of LiveBlogPosting (with those it inherits from
# BlogPosting, SocialMediaPosting, Article, CreativeWork and Thing) that a
# page might use, and of BlogPosting for each update.
THING = {"@context", "@type", "@id", "name", "description", "url", "image", "sameAs"}
CREATIVE_WORK = {
    "headline", "author", "publisher", "datePublished", "dateModified", "mainEntityOfPage",
    "isAccessibleForFree", "keywords", "inLanguage", "about", "creator", "dateCreated",
    "thumbnailUrl", "copyrightHolder", "creditText", "correction", "text",
}  # fmt: skip
ARTICLE = {"articleBody", "articleSection", "wordCount", "backstory", "speakable"}
BLOG_POSTING = THING | CREATIVE_WORK | ARTICLE | {"sharedContent"}
LIVE_BLOG_POSTING = BLOG_POSTING | {"coverageStartTime", "coverageEndTime", "liveBlogUpdate"}


def posting(client, page) -> dict:
    head = Head(client.get(page.url).content.decode())
    return by_type(head.json_ld(), "LiveBlogPosting")


def moment(value: str) -> datetime:
    """A schema.org DateTime as search engines want it: ISO 8601 with an offset."""
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is not None, value
    return parsed


def test_json_ld_is_a_live_blog_posting_with_the_latest_entries(client, live):
    made = add_entries(live, 12, title="")
    newest = made[-1]
    newest.authors.set([AuthorFactory(name="Olena Kovalenko")])
    data = posting(client, live)
    assert set(data) <= LIVE_BLOG_POSTING, set(data) - LIVE_BLOG_POSTING
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == live.title
    assert data["coverageStartTime"] == live.first_published_at.isoformat()
    assert "coverageEndTime" not in data  # still live
    # The expected types of the values (schema.org ranges).
    assert data["publisher"]["@type"] in {"Organization", "NewsMediaOrganization"}
    assert data["mainEntityOfPage"]["@type"] == "WebPage"
    moment(data["datePublished"])
    moment(data["dateModified"])
    updates = data["liveBlogUpdate"]
    assert isinstance(updates, list)
    assert len(updates) == reading.JSON_LD_UPDATES
    for update in updates:
        assert update["@type"] == "BlogPosting"
        assert set(update) <= BLOG_POSTING, set(update) - BLOG_POSTING
        assert moment(update["datePublished"]) <= moment(update["dateModified"])
        assert 0 < len(update["headline"]) <= 110
    assert [moment(u["datePublished"]) for u in updates] == sorted(
        (moment(u["datePublished"]) for u in updates), reverse=True
    )
    assert updates[0]["author"] == [
        {"@type": "Person", "name": "Olena Kovalenko", "url": updates[0]["author"][0]["url"]}
    ]
    assert updates[0]["url"] == f"http://localhost{live.url}#entry-{newest.pk}"
    assert updates[0]["datePublished"] == newest.posted_at.isoformat()
    assert updates[0]["articleBody"] == "Update number 11."


def test_ended_page_gives_its_coverage_end_time(client, section):
    page = make_live(section, status="ended")
    add_entries(page, 2)
    data = posting(client, page)
    assert set(data) <= LIVE_BLOG_POSTING, set(data) - LIVE_BLOG_POSTING
    assert data["coverageEndTime"] == page.ended_at.isoformat()
    assert moment(data["coverageStartTime"]) <= moment(data["coverageEndTime"])
    assert len(data["liveBlogUpdate"]) == 2  # the updates stay on the archived page


def test_live_box_on_home_and_section_while_live_and_gone_once_ended(client, home, section):
    page = make_live(section)
    add_entries(page, 1, title="Drone attack on the port")
    for url in ("/", section.url):
        html = client.get(url).content.decode()
        box = html.split('class="live-now"')[1].split("</section>")[0]
        assert f'href="{page.url}"' in box
        assert "Live</span>" in box
        assert "Drone attack on the port" in box
    page.status = "ended"
    page.save_revision().publish()
    for url in ("/", section.url):
        assert 'class="live-now"' not in client.get(url).content.decode()
    assert client.get(page.url).status_code == 200  # archived, at the same address


def test_feeds_include_the_live_page(client, home, section):
    page = make_live(section)
    for url in ("/feed/", f"{section.url}feed/"):
        feed = feedparser.parse(client.get(url).content)
        links = [entry.link for entry in feed.entries]
        assert f"http://localhost{page.url}" in links, url


def test_news_sitemap_keeps_the_page_while_it_updates(client, section):
    live = make_live(section)
    old = make_live(section, slug="old-live", status="ended")
    old.first_published_at = timezone.now() - timedelta(days=5)
    old.save()
    xml = client.get("/news-sitemap.xml").content.decode()
    assert f"http://localhost{live.url}</loc>" in xml
    assert "old-live" not in xml
    # An update today brings it back for 48 hours (posting purges the sitemap).
    entries.post_entry(old, None, "A late development.")
    assert "old-live" in client.get("/news-sitemap.xml").content.decode()


def test_the_pages_live_now_cost_one_query_cold_or_warm(home, section):
    here = make_live(section)
    add_entries(here, 2, title="Latest")
    elsewhere = make_live(SectionPageFactory(parent=home), slug="elsewhere")
    for state in ("cold", "warm"):
        if state == "cold":
            cache.clear()
        lookups.restricted_paths()  # read before counting
        with CaptureQueriesContext(connection) as queries:
            found = distribution.on_now(section)
        assert len(queries) == 1, state
        assert [(p.pk, p.latest_title) for p in found] == [(here.pk, "Latest")]
        assert {p.pk for p in distribution.on_now(home)} == {here.pk, elsewhere.pk}
