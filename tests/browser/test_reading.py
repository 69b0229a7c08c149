"""A reader's journey through the site, with and without JavaScript, and with
the keyboard only."""

import re
import urllib.request

import feedparser

from tests.browser.conftest import BROWSER_DB, PHONE

pytestmark = BROWSER_DB


def read_the_site(page, demo_site) -> None:
    """Home → section → article → author → tag → search → a feed link."""
    page.goto(demo_site("/"))
    assert page.locator("h1, .site-name").first.is_visible()

    menu = page.get_by_role("navigation", name="Sections")
    if not menu.is_visible():  # on a phone the sections are in the header's menu
        page.locator(".site-menu > summary").click()
    menu.get_by_role("link", name="World").click()
    page.wait_for_url(re.compile(r"/world/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "World"

    # A demo story with bylines, tags and sections (the newsroom test may
    # have published a newer, shorter one: then it is in the list, not the lead).
    page.locator('main a[href$="/world/serevia-double-game/"]').first.click()
    page.wait_for_load_state()
    headline = page.get_by_role("heading", level=1).inner_text()
    assert headline
    assert page.locator(".article-body p").count() >= 3
    article_url = page.url

    author_link = page.locator(".bylines a").first
    author = author_link.inner_text()
    author_link.click()
    page.wait_for_url(re.compile(r"/authors/[\w-]+/$"))
    assert author in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("link", name=headline).count() >= 1

    page.goto(article_url)
    tag_link = page.get_by_role("navigation", name="Topics").get_by_role("link").first
    tag = tag_link.inner_text()
    tag_link.click()
    page.wait_for_url(re.compile(r"/tags/[\w-]+/$"))
    assert tag.lower() in page.get_by_role("heading", level=1).inner_text().lower()
    assert page.get_by_role("link", name=headline).count() >= 1

    search = page.get_by_role("searchbox", name="Search articles")
    if not search.is_visible():  # in the header's menu on a phone
        page.locator(".site-menu > summary").click()
    search.fill(headline.split()[0] + " " + headline.split()[-1])
    search.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.get_by_role("link", name=headline).count() >= 1
    # Several results: "Newest first" is a plain link (no script needed).
    page.goto(demo_site("/search/?q=Serevia"))
    sort = page.get_by_role("navigation", name="Sort results")
    sort.get_by_role("link", name="Newest first").click()
    page.wait_for_url(re.compile(r"sort=newest"))
    assert sort.locator("[aria-current]").inner_text() == "Newest first"
    assert page.locator(".search-results mark").count() >= 1

    # The feed link in the head and the one in the footer: a valid RSS feed.
    feed_href = page.locator('link[rel="alternate"][type="application/rss+xml"]').get_attribute(
        "href"
    )
    page.get_by_role("contentinfo").get_by_role("link", name="RSS").click()
    assert page.url == demo_site(feed_href)
    with urllib.request.urlopen(page.url, timeout=10) as response:  # noqa: S310 - loopback
        assert response.headers["Content-Type"].startswith("application/rss+xml")
        feed = feedparser.parse(response.read())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert len(feed.entries) == 30
    assert all(entry.link.startswith(demo_site.url) for entry in feed.entries)


def test_reading_journey(page, demo_site):
    read_the_site(page, demo_site)


def test_reading_journey_without_javascript(context_factory, demo_site):
    page = context_factory(java_script_enabled=False, viewport=PHONE).new_page()
    read_the_site(page, demo_site)
