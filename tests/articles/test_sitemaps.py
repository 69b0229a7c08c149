from collections import Counter
from datetime import timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, get_page_models

import pytest

from articles import sitemaps
from articles.cache import generations, purging
from articles.models import SiteSettings
from articles.page_urls import UrlFromSection
from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}

# Queries per sitemap document, whatever the number of articles (the site and
# the view restrictions come from the cache: articles.cache.lookups).
# The index: the pages section's ids (where each page starts) and newest
# lastmod per page (2); the authors' and the tags' count and newest (2 + 2).
INDEX_QUERIES = 2 + 2 + 2
# A page of the pages section: the count and the page's rows (2), and the
# newest article per section when the page holds the home page or a section (1).
PAGES_QUERIES = 2
LISTING_PAGES_QUERIES = PAGES_QUERIES + 1
# A page of authors or tags: the count and the page's rows.
VIEW_QUERIES = 2


def local(url: str) -> str:
    """The path and query of an absolute URL on the test site."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == "http://localhost", url
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def xml(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own output


def entries(root: ElementTree.Element) -> dict[str, str | None]:
    """{loc: lastmod} of a sitemap."""
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def index(client) -> list[str]:
    """The documents /sitemap.xml lists, as local paths, in order."""
    root = xml(client, "/sitemap.xml")
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    return [local(loc.text) for loc in root.findall("s:sitemap/s:loc", NS)]


def everything(client) -> dict[str, str | None]:
    """{loc: lastmod} over every document of the index; no URL listed twice."""
    found, seen = {}, Counter()
    for document in index(client):
        root = xml(client, document)
        seen.update(url.text for url in root.findall("s:url/s:loc", NS))
        found.update(entries(root))
    assert [url for url, times in seen.items() if times > 1] == []
    return found


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def limit(monkeypatch):
    """Sections of at most three URLs per page."""
    monkeypatch.setattr(sitemaps.SectionSitemap, "limit", 3)
    return 3


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

    assert index(client) == ["/sitemap-pages.xml", "/sitemap-authors.xml", "/sitemap-tags.xml"]
    urls = everything(client)
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


def test_the_index_gives_each_section_its_newest_lastmod(client, home, section):
    old = timezone.now() - timedelta(days=10)
    ArticlePageFactory(parent=section, tags=["Ports"], last_published_at=old)
    untagged = ArticlePageFactory(parent=section, last_published_at=old + timedelta(days=1))
    newest_page = SectionPageFactory(parent=home, slug="later")
    newest_page.last_published_at = old + timedelta(days=2)
    newest_page.save()

    assert index_lastmods(client) == {
        "/sitemap-pages.xml": newest_page.last_published_at.isoformat(),
        "/sitemap-authors.xml": untagged.last_published_at.isoformat(),
        "/sitemap-tags.xml": old.isoformat(),
    }


def index_lastmods(client) -> dict[str, str]:
    root = xml(client, "/sitemap.xml")
    return {
        local(item.findtext("s:loc", namespaces=NS)): item.findtext("s:lastmod", namespaces=NS)
        for item in root.findall("s:sitemap", NS)
    }


def test_the_index_gives_each_page_of_pages_its_own_lastmod(client, section, limit):
    now = timezone.now()
    days = [10, 12, 11, 13, 5, 8]  # ago, for six articles: pages 1, 2, 2, 2, 3, 3
    articles = [
        ArticlePageFactory(parent=section, last_published_at=now - timedelta(days=ago))
        for ago in days
    ]
    syndicated = ArticlePageFactory(
        parent=section, source_url="https://gazette.example/4", last_published_at=now
    )

    lastmods = index_lastmods(client)
    # The first page holds the home page and the section: the site's newest,
    # the syndicated article included, as the home page's own lastmod.
    assert lastmods["/sitemap-pages.xml"] == syndicated.last_published_at.isoformat()
    assert lastmods["/sitemap-pages.xml?p=2"] == articles[2].last_published_at.isoformat()
    assert lastmods["/sitemap-pages.xml?p=3"] == articles[4].last_published_at.isoformat()
    assert "/sitemap-pages.xml?p=4" not in lastmods


def test_sections_are_split_into_pages_with_no_url_lost_or_repeated(client, home, limit):
    world = SectionPageFactory(parent=home, title="World", slug="world")
    reporter = AuthorFactory(slug="reporter")
    articles = [
        ArticlePageFactory(parent=world, bylines=[reporter, AuthorFactory()], tags=[f"t{n}"])
        for n in range(7)
    ]
    syndicated = ArticlePageFactory(
        parent=world, slug="syndicated", source_url="https://gazette.example/3"
    )
    # A section made after the articles lands on a later page, and still gets
    # the date of its newest article.
    sport = SectionPageFactory(parent=home, title="Sport", slug="sport")
    match = ArticlePageFactory(parent=sport, bylines=[reporter], first_published_at=timezone.now())

    documents = index(client)
    assert documents == [
        "/sitemap-pages.xml",
        "/sitemap-pages.xml?p=2",
        "/sitemap-pages.xml?p=3",
        "/sitemap-pages.xml?p=4",
        "/sitemap-authors.xml",
        "/sitemap-authors.xml?p=2",
        "/sitemap-authors.xml?p=3",
        "/sitemap-tags.xml",
        "/sitemap-tags.xml?p=2",
        "/sitemap-tags.xml?p=3",
    ]
    for document in documents:
        assert 1 <= len(entries(xml(client, document))) <= limit, document

    urls = everything(client)
    pages = ["/", "/world/", *[a.url for a in articles], "/sport/", match.url]
    authors = sorted({a.author.slug for a in articles[0].bylines.all()} | {"reporter"})
    authors += [a.bylines.last().author.slug for a in [*articles[1:], syndicated]]
    assert set(urls) == {
        *(f"http://localhost{path}" for path in pages),
        *(f"http://localhost/authors/{slug}/" for slug in authors),
        *(f"http://localhost/tags/t{n}/" for n in range(7)),
    }
    # In order of creation: a new article only changes the last page.
    assert list(entries(xml(client, "/sitemap-pages.xml?p=4"))) == [
        "http://localhost/sport/",
        f"http://localhost{match.url}",
    ]
    day = match.last_published_at.date().isoformat()
    assert urls["http://localhost/sport/"] == day
    assert urls["http://localhost/"] == day
    assert urls["http://localhost/world/"] == articles[0].last_published_at.date().isoformat()


def test_pages_behind_a_view_restriction_are_left_out(client, home, section):
    story = ArticlePageFactory(parent=section, slug="story")
    members = SectionPageFactory(parent=home, slug="members")
    ArticlePageFactory(parent=members, slug="inside")
    PageViewRestriction.objects.create(page=members, restriction_type="login")

    assert set(everything(client)) >= {"http://localhost/", f"http://localhost{story.url}"}
    assert not [url for url in everything(client) if "/members/" in url]


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-pages.xml?p=2",
        "/sitemap-pages.xml?p=0",
        "/sitemap-pages.xml?p=two",
        "/sitemap-authors.xml?p=2",
        "/sitemap-tags.xml?p=2",
        "/sitemap-nothing.xml",
    ],
)
def test_a_page_past_the_end_or_an_unknown_section_is_a_404(client, section, url):
    ArticlePageFactory(parent=section, tags=["Ports"])
    assert client.get(url).status_code == 404


def test_an_empty_section_is_a_valid_empty_sitemap(client, home):
    assert index(client) == ["/sitemap-pages.xml", "/sitemap-authors.xml", "/sitemap-tags.xml"]
    assert entries(xml(client, "/sitemap-tags.xml")) == {}


def test_section_documents_are_public_and_cached_under_the_sitemaps_scope(client, section):
    ArticlePageFactory(parent=section, tags=["Ports"])
    for url in ("/sitemap.xml", "/sitemap-pages.xml", "/sitemap-tags.xml"):
        first, second = client.get(url), client.get(url)
        assert "public" in first["Cache-Control"], url
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), url
        generations.purge(generations.SITEMAPS)
        assert client.get(url)["X-Page-Cache"] == "miss", url


@pytest.mark.usefixtures("uncached")
def test_every_sitemap_document_runs_a_constant_number_of_queries(client, home, limit):
    sections = [SectionPageFactory(parent=home) for _ in range(2)]
    authors = [AuthorFactory() for _ in range(4)]

    def add(count: int) -> None:
        for n in range(count):
            ArticlePageFactory(
                parent=sections[n % 2],
                bylines=[authors[n % 4]],
                tags=[f"topic-{n % 4}"],
                lead_image=None,
            )

    urls = {
        "index": "/sitemap.xml",
        "pages with sections": "/sitemap-pages.xml",
        "pages": "/sitemap-pages.xml?p=2",
        "authors": "/sitemap-authors.xml",
        "tags": "/sitemap-tags.xml",
    }
    add(6)
    for url in urls.values():  # warm up: the cached look-ups (site, restrictions)
        client.get(url)
    small = {name: count_queries(client, url) for name, url in urls.items()}
    add(24)
    documents = index(client)
    urls["last pages"] = documents[documents.index("/sitemap-authors.xml") - 1]
    assert urls["last pages"] == "/sitemap-pages.xml?p=11"
    for url in urls.values():
        client.get(url)
    large = {name: count_queries(client, url) for name, url in urls.items()}

    assert large == {
        **small,
        "last pages": PAGES_QUERIES,
    }
    assert small == {
        "index": INDEX_QUERIES,
        "pages with sections": LISTING_PAGES_QUERIES,
        "pages": PAGES_QUERIES,
        "authors": VIEW_QUERIES,
        "tags": VIEW_QUERIES,
    }


def test_a_cdn_purge_covers_the_index_and_the_page_listing_the_article(section, limit):
    articles = [ArticlePageFactory(parent=section) for _ in range(6)]
    # Home, World and six articles: the last article is the second on page 3.
    assert purging.listing_urls(articles[-1])[3:8] == [
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/sitemap-authors.xml",
        "/sitemap-tags.xml",
        "/sitemap-pages.xml?p=3",
    ]
    assert sitemaps.purge_paths(articles[3]) == [
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/sitemap-authors.xml",
        "/sitemap-tags.xml",
        "/sitemap-pages.xml?p=2",
    ]


def test_no_page_type_changes_its_sitemap_url():
    """The pages section reads plain ``Page`` rows, not each specific page
    (articles/sitemaps.py): a page type with its own sitemap URLs or URL
    routing would need ``.specific()`` back there. An article builds the
    URL Wagtail builds, from its section's (``articles.page_urls``, compared
    with Wagtail's in tests/articles/test_page_urls.py)."""
    same_url = (Page.get_url_parts, UrlFromSection.get_url_parts)
    for model in get_page_models():
        assert model.get_sitemap_urls is Page.get_sitemap_urls, model
        assert model.get_url_parts in same_url, model


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
