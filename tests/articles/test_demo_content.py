"""The demo newsroom: its size and shape, idempotency, synthetic bulk articles,
and a crawl of the whole reader site built from it.

The demo is loaded once for the module (inside a transaction rolled back at
the end), and the crawl runs once too: rendering creates the image renditions
(AVIF encoding dominates the module's run time), which later tests then reuse.
"""

from collections import Counter
from datetime import timedelta
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision, Site

import pytest
from PIL import Image
from taggit.models import Tag

from articles.blocks.front import FrontLayout
from articles.demo import synthetic
from articles.fronts import SECONDARY_STORIES
from articles.models import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
    SiteSettings,
    StandardPage,
)

INTERNAL_HOSTS = {"", "testserver", "localhost"}
# Feed links are collected apart from pages (they are XML, not reader pages).
FEED_SUFFIX = "/feed/"


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.h1_count = 0
        self.canonicals: list[str] = []
        self.open_graph: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        if tag == "meta" and (attributes.get("property") or "").startswith("og:"):
            self.open_graph.add(attributes["property"])
        if tag == "link" and attributes.get("rel") == "canonical":
            self.canonicals.append(attributes.get("href") or "")
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append(attributes[name])
        if attributes.get("srcset"):
            self.links += [part.split()[0] for part in attributes["srcset"].split(",")]


def crawl(client: Client) -> dict:
    """Follow every internal link and image from the home page."""
    seen: set[str] = set()
    queue = ["/"]
    result = {"pages": {}, "broken": [], "media": set(), "feeds": set()}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        path = urlsplit(url).path
        if path.startswith(settings.MEDIA_URL):
            result["media"].add(path)
            name = path.removeprefix(settings.MEDIA_URL)
            if not (default_storage.exists(name) and default_storage.size(name) > 0):
                result["broken"].append((url, "missing file"))
            continue
        if path.endswith(FEED_SUFFIX):
            result["feeds"].add(url)
            continue
        response = client.get(url)
        if response.status_code != 200:
            result["broken"].append((url, response.status_code))
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        parser = LinkCollector()
        parser.feed(response.content.decode())
        result["pages"][url] = parser
        for link in parser.links:
            target = urlsplit(urljoin(url, link))
            if target.scheme in {"http", "https", ""} and target.netloc in INTERNAL_HOSTS:
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return result


def fast_avif(save):
    """Pillow's AVIF encoder at its fastest speed: still real AVIF files, but the
    crawl renders a few hundred renditions and the default speed takes ~10x longer.
    """

    def save_fast(image, fp, filename, *args, **kwargs):
        image.encoderinfo.setdefault("speed", 10)
        return save(image, fp, filename, *args, **kwargs)

    return save_fast


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded and crawled once; everything is rolled back afterwards."""
    Image.init()
    with (
        pytest.MonkeyPatch.context() as patch,
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        patch.setitem(Image.SAVE, "AVIF", fast_avif(Image.SAVE["AVIF"]))
        load()
        crawled = crawl(Client(raise_request_exception=False))
        yield crawled
        transaction.set_rollback(True)
    cache.clear()  # Wagtail caches site root paths; they pointed at rolled-back pages


@pytest.mark.django_db
def test_demo_builds_a_newsroom_shaped_like_the_seed(demo):
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert SectionPage.objects.live().child_of(home).count() >= 5
    authors = Author.objects.all()
    assert authors.count() >= 8
    assert all(author.photo_id and author.role for author in authors)

    articles = ArticlePage.objects.live()
    assert articles.count() >= 40
    blocks = {a.slug: Counter(child.block_type for child in a.body) for a in articles}
    assert all(a.standfirst and a.lead_image_id and a.lead_image_caption for a in articles)
    assert all(a.lead_image_credit and a.tags.exists() for a in articles)
    assert all(2 <= count["section_heading"] <= 4 for count in blocks.values())
    assert sum(1 for a in articles if len(a.table_of_contents) >= 3) >= 10
    assert all(count["pull_quote"] >= 1 for count in blocks.values())
    for kind in ("block_quote", "fact_box", "read_also", "appeal_marker", "image"):
        assert any(count[kind] for count in blocks.values()), kind
    assert all(count["appeal_marker"] <= 1 for count in blocks.values())
    quotes = [c.value for a in articles for c in a.body if c.block_type == "pull_quote"]
    assert all(q["speaker"] and q["role"] for q in quotes)
    assert any("spokesperson" in q["role"] for q in quotes)
    assert any("intelligence" in q["role"] for q in quotes)

    assert ArticleCorrection.objects.filter(kind="correction").count() >= 2
    assert articles.exclude(updated_at=None).count() >= 3
    assert articles.exclude(source_url="").exclude(source_name="").exists()
    assert ArticleByline.objects.exclude(role="").exists()
    assert ArticlePage.objects.filter(bylines__sort_order=1).exists()  # co-bylines
    now = timezone.now()
    recent = articles.filter(first_published_at__gte=now - timedelta(hours=48))
    assert recent.count() >= 3
    assert articles.filter(first_published_at__lt=now - timedelta(days=14)).exists()
    assert all(a.first_published_at <= now for a in articles)
    assert all(a.last_published_at and a.live_revision_id for a in articles)
    opinion = SectionPage.objects.get(slug="opinion")
    assert ArticlePage.objects.child_of(opinion).filter(kicker="opinion").exists()

    images = get_image_model().objects.all()
    assert all(image.description for image in images)
    assert all(image.file_size < 300_000 for image in images)
    standing = set(StandardPage.objects.live().values_list("slug", flat=True))
    assert {"about", "ethics-policy", "corrections-policy", "contact"} <= standing

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert site_settings.site_name
    assert site_settings.tagline
    assert site_settings.logo_id
    assert site_settings.default_share_image_id
    assert site_settings.social_links()
    menu = {item.value["page"].pk for item in site_settings.main_menu}
    assert set(SectionPage.objects.values_list("pk", flat=True)) < menu
    assert len(site_settings.footer_links) == 4
    assert home.lead_story_id
    assert home.top_stories.count() == SECONDARY_STORIES
    blocks = [(child.value["section"], child.value["layout"]) for child in home.front_sections]
    assert {layout for _, layout in blocks} == set(FrontLayout.values)  # every layout shows
    assert {section for section, _ in blocks} == set(SectionPage.objects.all())


def snapshot() -> dict:
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "path", "title", "live", "first_published_at", "last_published_at"
            )
        ),
        "revisions": Revision.objects.count(),
        "images": list(get_image_model().objects.order_by("pk").values_list("pk", "file")),
        "authors": list(Author.objects.order_by("pk").values_list("pk", "photo_id")),
        "bylines": ArticleByline.objects.count(),
        "corrections": ArticleCorrection.objects.count(),
        "tags": Tag.objects.count(),
        "collections": Collection.objects.count(),
        "settings": list(SiteSettings.objects.values_list("pk", "site_name", "main_menu")),
        "home": list(HomePage.objects.values_list("lead_story_id", "top_stories__article_id")),
        "front": [list(home.front_sections.raw_data) for home in HomePage.objects.all()],
    }


def planner_has_statistics(table: str) -> bool:
    """Whether ANALYZE has recorded statistics for ``table``."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = %s", [table])
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db
def test_loading_again_changes_nothing(demo):
    before = snapshot()
    assert "nothing new" in load()
    assert snapshot() == before


@pytest.mark.django_db
def test_synthetic_articles_are_added_in_bulk_render_and_are_listed(demo, client):
    before = ArticlePage.objects.count()
    load("--articles", "50")
    made = ArticlePage.objects.filter(slug__startswith=synthetic.PREFIX)
    assert made.count() == 50
    assert ArticlePage.objects.count() == before + 50
    assert Page.find_problems() == ([], [], [], [], [])  # the tree is consistent
    assert "nothing new" in load("--articles", "50")
    assert made.count() == 50
    assert planner_has_statistics("wagtailsearch_indexentry")

    listed: set[str] = set()
    for section in SectionPage.objects.all():
        assert section.numchild == section.get_children().count()
        number, last = 1, False
        while not last:
            response = client.get(f"{section.url}?page={number}")
            assert response.status_code == 200
            html = response.content.decode()
            listed |= {a.url for a in made if f'href="{a.url}"' in html}
            last = 'rel="next"' not in html
            number += 1
    assert listed == {a.url for a in made}

    for article in made:
        response = client.get(article.url)
        assert response.status_code == 200
        assert article.title in response.content.decode()
        assert article.bylines.exists()
        assert article.tags.exists()

    sample = made.order_by("pk")[7]
    response = client.get("/search/", {"q": sample.standfirst})
    assert response.status_code == 200
    assert f'href="{sample.url}"' in response.content.decode()


@pytest.mark.django_db
def test_every_reader_page_answers_with_one_h1_and_a_canonical_link(demo):
    pages = demo["pages"]
    assert demo["broken"] == []
    # The crawl reached every kind of reader page and every article.
    for article in ArticlePage.objects.live():
        assert article.url in pages
    for url in ["/", "/world/", "/about/", "/authors/ilona-varga/", "/tags/serevia/"]:
        assert url in pages
    assert len(demo["media"]) > 100  # renditions in srcsets, portraits, ...
    for url, parsed in pages.items():
        assert parsed.h1_count == 1, url
        assert len(parsed.canonicals) == 1, url
        assert {"og:title", "og:url", "og:image"} <= parsed.open_graph, url


@pytest.mark.django_db
def test_feed_links_found_by_the_crawl_answer(demo):
    client = Client(raise_request_exception=False)
    assert demo["feeds"]
    for url in demo["feeds"]:
        assert client.get(url).status_code == 200, url
