import json
import re
from datetime import timedelta
from html.parser import HTMLParser

from django.test import RequestFactory
from django.utils import timezone

import pytest

from articles import seo
from articles.models import ArticleCorrection, SiteSettings
from tests.factories import ArticlePageFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The <head>'s meta tags, links and JSON-LD blocks."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, str] = {}
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.links["canonical"] = attrs["href"]
        elif tag == "script":
            self._script = attrs

    def handle_data(self, data):
        if self._script is not None:
            self.scripts.append((self._script, data))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def one(self, key: str) -> str:
        assert len(self.meta.get(key, [])) == 1, f"{key}: {self.meta.get(key)}"
        return self.meta[key][0]

    def json_ld(self) -> list[dict]:
        blocks = [
            json.loads(text)
            for attrs, text in self.scripts
            if attrs.get("type") == "application/ld+json"
        ]
        return [
            item for block in blocks for item in (block if isinstance(block, list) else [block])
        ]


def head_of(client, url: str) -> tuple[Head, object]:
    response = client.get(url)
    assert response.status_code == 200
    return Head(response.content.decode()), response


def by_type(items: list[dict], kind: str) -> dict:
    [item] = [i for i in items if i["@type"] == kind]
    return item


@pytest.fixture
def article(section):
    author = AuthorFactory(name="Olena Koval", slug="olena-koval", role="Foreign affairs reporter")
    published = timezone.now() - timedelta(days=2)
    page = ArticlePageFactory(
        parent=section,
        title="Budapest's double game on Kyiv",
        slug="double-game",
        standfirst="Hungary blocks aid while buying time with Moscow.",
        bylines=[author, AuthorFactory(name="Ivan Petrenko", slug="ivan-petrenko")],
        tags=["Diplomacy", "Energy"],
        first_published_at=published,
        last_published_at=published,
    )
    ArticleCorrection.objects.create(
        page=page, date=published + timedelta(hours=5), kind="correction", text="Fixed a date."
    )
    return page


def test_article_head_has_description_canonical_open_graph_and_article_tags(client, article):
    head, _ = head_of(client, article.url)
    url = "http://localhost/world/double-game/"
    assert head.one("description") == article.standfirst
    assert head.links["canonical"] == url
    assert head.one("og:type") == "article"
    assert head.one("og:title") == article.title
    assert head.one("og:url") == url
    assert head.one("og:site_name") == "The Test Ledger"
    assert head.one("article:published_time") == article.first_published_at.isoformat()
    modified = (article.first_published_at + timedelta(hours=5)).isoformat()
    assert head.one("article:modified_time") == modified  # the correction moves it
    assert head.meta["article:author"] == [
        "http://localhost/authors/olena-koval/",
        "http://localhost/authors/ivan-petrenko/",
    ]
    assert head.one("article:section") == "World"
    assert sorted(head.meta["article:tag"]) == ["Diplomacy", "Energy"]
    assert head.one("twitter:card") == "summary_large_image"


def test_share_image_is_an_absolute_1200px_rendition_of_the_lead_image(client, article):
    head, _ = head_of(client, article.url)
    image = head.one("og:image")
    assert re.fullmatch(r"http://localhost/media/images/.+\.fill-1200x675\..+\.jpg", image)
    assert head.one("og:image:width") == "1200"
    assert head.one("og:image:height") == "675"
    assert head.one("og:image:alt") == article.lead_image.description
    rendition = article.lead_image.get_rendition(seo.SHARE_IMAGE_SPEC)
    assert image == "http://localhost" + rendition.url


def test_share_image_prefers_the_social_image_then_falls_back_to_the_site_default(
    client, article, home
):
    social = ImageFactory(title="Social card")
    article.social_image = social
    article.save()
    head, _ = head_of(client, article.url)
    assert head.one("og:image").endswith(social.get_rendition(seo.SHARE_IMAGE_SPEC).url)

    default = ImageFactory(title="Default share")
    settings = SiteSettings.for_site(home.get_site())
    settings.default_share_image = default
    settings.save()
    bare = ArticlePageFactory(parent=article.get_parent(), lead_image=None)
    head, _ = head_of(client, bare.url)
    assert head.one("og:image").endswith(default.get_rendition(seo.SHARE_IMAGE_SPEC).url)


def test_syndicated_article_is_canonical_at_its_source(client, article):
    article.source_name = "The Original Gazette"
    article.source_url = "https://gazette.example/story/1"
    article.save()
    head, _ = head_of(client, article.url)
    assert head.links["canonical"] == "https://gazette.example/story/1"
    assert head.one("og:url") == "http://localhost/world/double-game/"  # shares stay with us
    news = by_type(head.json_ld(), "NewsArticle")
    assert news["mainEntityOfPage"]["@id"] == "https://gazette.example/story/1"


def test_article_json_ld_is_a_news_article_with_breadcrumbs(client, article, home):
    logo = ImageFactory(title="Logo")
    settings = SiteSettings.for_site(home.get_site())
    settings.logo = logo
    settings.x_handle = "testledger"
    settings.save()
    head, response = head_of(client, article.url)
    items = head.json_ld()

    news = by_type(items, "NewsArticle")
    assert news["@context"] == "https://schema.org"
    assert news["headline"] == article.title
    assert news["description"] == article.standfirst
    assert news["image"][0].startswith("http://localhost/media/images/")
    assert news["datePublished"] == article.first_published_at.isoformat()
    assert news["dateModified"] == (article.first_published_at + timedelta(hours=5)).isoformat()
    assert news["author"] == [
        {
            "@type": "Person",
            "name": "Olena Koval",
            "url": "http://localhost/authors/olena-koval/",
            "jobTitle": "Foreign affairs reporter",
        },
        {
            "@type": "Person",
            "name": "Ivan Petrenko",
            "url": "http://localhost/authors/ivan-petrenko/",
            "jobTitle": "Staff reporter",
        },
    ]
    publisher = news["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "The Test Ledger"
    assert publisher["logo"]["url"].startswith("http://localhost/media/images/")
    assert publisher["logo"]["width"] > 0
    assert publisher["sameAs"] == ["https://x.com/testledger"]
    assert news["mainEntityOfPage"] == {
        "@type": "WebPage",
        "@id": "http://localhost/world/double-game/",
    }
    assert news["isAccessibleForFree"] is True
    assert news["articleSection"] == "World"
    assert sorted(news["keywords"]) == ["Diplomacy", "Energy"]

    crumbs = by_type(items, "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "The Test Ledger", "http://localhost/"),
        (2, "World", "http://localhost/world/"),
        (3, article.title, "http://localhost/world/double-game/"),
    ]
    assert head.one("twitter:site") == "@testledger"

    # The data block carries the nonce the response's CSP allows.
    [(attrs, _)] = [s for s in head.scripts if s[0].get("type") == "application/ld+json"]
    assert attrs["nonce"]
    assert f"'nonce-{attrs['nonce']}'" in response["Content-Security-Policy"]


def test_json_ld_cannot_break_out_of_its_script_element(client, section):
    title = "Why </script><script>alert(1)</script> & <!-- matter"
    article = ArticlePageFactory(parent=section, title=title, slug="escape")
    response = client.get(article.url)
    html = response.content.decode()
    block = html.split('<script type="application/ld+json"', 1)[1].split("</script>", 1)[0]
    assert "<" not in block.split(">", 1)[1]
    assert "&" not in block.split(">", 1)[1]
    news = by_type(Head(html).json_ld(), "NewsArticle")
    assert news["headline"] == title


def test_home_page_has_website_with_search_action(client, home):
    head, _ = head_of(client, "/")
    assert head.links["canonical"] == "http://localhost/"
    assert head.one("og:title") == "The Test Ledger"
    website = by_type(head.json_ld(), "WebSite")
    assert website["url"] == "http://localhost/"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://localhost/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert by_type(head.json_ld(), "NewsMediaOrganization")["name"] == "The Test Ledger"


def test_section_page_has_breadcrumbs_and_a_paginated_canonical(client, section):
    for _ in range(21):
        ArticlePageFactory(parent=section, lead_image=None)
    head, _ = head_of(client, section.url)
    assert head.links["canonical"] == "http://localhost/world/"
    crumbs = by_type(head.json_ld(), "BreadcrumbList")["itemListElement"]
    assert [c["item"] for c in crumbs] == ["http://localhost/", "http://localhost/world/"]
    head, _ = head_of(client, section.url + "?page=2")
    assert head.links["canonical"] == "http://localhost/world/?page=2"


def test_author_and_tag_pages_have_their_own_meta(client, article):
    head, _ = head_of(client, "/authors/olena-koval/")
    assert head.links["canonical"] == "http://localhost/authors/olena-koval/"
    assert head.one("og:type") == "profile"
    assert head.one("description") == "Articles by Olena Koval, Foreign affairs reporter."
    profile = by_type(head.json_ld(), "ProfilePage")
    assert profile["mainEntity"]["name"] == "Olena Koval"

    head, _ = head_of(client, "/tags/diplomacy/")
    assert head.links["canonical"] == "http://localhost/tags/diplomacy/"
    assert head.one("og:title") == "Diplomacy"
    assert head.one("description") == "Articles about Diplomacy."


def test_search_page_is_not_indexed(client, home):
    head, _ = head_of(client, "/search/?q=anything")
    assert head.one("robots") == "noindex, follow"
    assert "canonical" not in head.links


# Queries page.get_meta makes for an article, on top of what its template needs anyway:
ARTICLE_META_QUERIES = (
    2  # the Site for the request, then its SiteSettings (cached on the request)
    + 1  # the share image is the lead image, loaded through the page (the template
    #      shows it too); its rendition comes from Wagtail's rendition cache
    + 2  # the section: the parent page, then its specific row
    + 1  # the article's tags
    + 1  # the corrections, for dateModified
)


def test_article_meta_costs_a_fixed_number_of_queries(article, django_assert_num_queries):
    request = RequestFactory().get(article.url)
    page = type(article).objects.get(pk=article.pk)
    bylines = list(page.bylines.select_related("author"))
    page.get_meta(request, {"bylines": bylines})  # create the renditions once
    request = RequestFactory().get(article.url)
    page = type(article).objects.get(pk=article.pk)
    with django_assert_num_queries(ARTICLE_META_QUERIES):
        meta = page.get_meta(request, {"bylines": bylines})
    assert meta.image.width == 1200


@pytest.mark.django_db
def test_other_pages_get_a_canonical_link_and_sign_in_pages_stay_out_of_search(client, home):
    html = client.get("/accounts/login/code/").content.decode()
    assert '<link rel="canonical" href="http://localhost/accounts/login/code/">' in html
    assert '<meta name="robots" content="noindex, follow">' in html
    assert '<meta property="og:url" content="http://localhost/accounts/login/code/">' in html
    join = client.get("/membership/?interval=year").content.decode()
    assert '<link rel="canonical" href="http://localhost/membership/">' in join
    assert "noindex" not in join
