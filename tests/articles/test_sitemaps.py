from datetime import timedelta
from xml.etree import ElementTree

from django.utils import timezone

import pytest

from articles.models import SiteSettings
from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own output


def entries(root: ElementTree.Element) -> dict[str, str | None]:
    """{loc: lastmod} of a sitemap."""
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_live_pages_authors_and_tags_with_lastmod(client, home, section):
    olena = AuthorFactory(name="Olena Koval", slug="olena-koval")
    idle = AuthorFactory(name="Never Published", slug="never-published")
    old = timezone.now() - timedelta(days=10)
    story = ArticlePageFactory(
        parent=section,
        slug="story",
        bylines=[olena],
        tags=["Diplomacy"],
        first_published_at=old - timedelta(days=1),
        last_published_at=old,
    )
    draft = ArticlePageFactory(parent=section, slug="draft", bylines=[idle], tags=["Secret"])
    draft.live = False
    draft.save()
    syndicated = ArticlePageFactory(
        parent=section, slug="syndicated", source_url="https://gazette.example/1"
    )
    empty = SectionPageFactory(parent=home, title="Empty", slug="empty")
    empty.last_published_at = old - timedelta(days=30)
    empty.save()

    urls = entries(xml(client, "/sitemap.xml"))
    day = old.date().isoformat()
    newest = syndicated.last_published_at.date().isoformat()
    assert urls == {
        # home and sections change with their newest article
        "http://localhost/": newest,
        "http://localhost/world/": newest,
        "http://localhost/world/story/": day,
        "http://localhost/empty/": (old - timedelta(days=30)).date().isoformat(),
        "http://localhost/authors/olena-koval/": day,
        f"http://localhost/authors/{syndicated.bylines.get().author.slug}/": newest,
        "http://localhost/tags/diplomacy/": day,
    }
    assert story.url == "/world/story/"


def test_news_sitemap_lists_articles_of_the_last_48_hours(client, home, section):
    settings = SiteSettings.for_site(home.get_site())
    settings.site_name = "Ledger News"
    settings.language = "uk"
    settings.save()
    now = timezone.now()
    fresh = ArticlePageFactory(
        parent=section,
        slug="fresh",
        title="Ministry answers & denies <claims>",
        first_published_at=now - timedelta(hours=1),
    )
    ArticlePageFactory(
        parent=section, slug="yesterday", first_published_at=now - timedelta(hours=30)
    )
    ArticlePageFactory(parent=section, slug="old", first_published_at=now - timedelta(hours=49))
    ArticlePageFactory(parent=section, slug="syndicated", source_url="https://gazette.example/2")
    draft = ArticlePageFactory(parent=section, slug="draft")
    draft.live = False
    draft.save()

    root = xml(client, "/news-sitemap.xml")
    urls = root.findall("s:url", NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [
        "http://localhost/world/fresh/",
        "http://localhost/world/yesterday/",
    ]
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Ledger News"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "uk"
    assert news.findtext("news:title", namespaces=NS) == "Ministry answers & denies <claims>"
    published = news.findtext("news:publication_date", namespaces=NS)
    assert published == fresh.first_published_at.isoformat()


def test_news_sitemap_is_valid_when_nothing_is_new(client, home):
    root = xml(client, "/news-sitemap.xml")
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert root.findall("s:url", NS) == []


def test_robots_txt_points_at_both_sitemaps(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Sitemap: http://localhost/news-sitemap.xml" in lines
