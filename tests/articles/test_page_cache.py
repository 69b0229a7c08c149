"""The full-page cache: anonymous readers get stored pages, publishing purges the
article and every listing that shows it, and nothing personal is ever shared."""

import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.http import QueryDict
from django.http.request import HttpHeaders
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

import pytest

from articles.cache import generations
from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

NONCE = re.compile(r'nonce="([^"]+)"')


@pytest.fixture
def story(section):
    author = AuthorFactory(name="Mira Holt", slug="mira-holt")
    return ArticlePageFactory(
        parent=section, title="Harbour talks resume", bylines=[author], tags=["Shipping"]
    )


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response, len(queries)


@pytest.mark.django_db
def test_anonymous_second_request_is_a_hit_with_zero_queries(client, story):
    first, _ = get(client, story.url)
    second, queries = get(client, story.url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert second.content.replace(b" ", b"") != b""
    assert "Harbour talks resume" in second.content.decode()
    cache_control = second["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=" in cache_control
    assert "stale-while-revalidate=" in cache_control


@pytest.mark.django_db
def test_a_hit_copies_no_headers_and_parses_no_query_string(client, story, monkeypatch):
    """What a hit builds, every middleware before the page cache included:
    ``request.headers`` (a copy of every header) and ``request.GET`` cost
    about a tenth of a hit, so the CDN's country header and ``?currency=``
    are read from ``request.META``."""
    get(client, story.url)
    built = []
    real_headers, real_query = HttpHeaders.__init__, QueryDict.__init__

    def headers(self, *args, **kwargs):
        built.append("request.headers")
        real_headers(self, *args, **kwargs)

    def query(self, *args, **kwargs):
        built.append("request.GET")
        real_query(self, *args, **kwargs)

    monkeypatch.setattr(HttpHeaders, "__init__", headers)
    monkeypatch.setattr(QueryDict, "__init__", query)
    response, _ = get(client, story.url, HTTP_CF_IPCOUNTRY="DE")

    assert response["X-Page-Cache"] == "hit"
    assert response.cookies["newsroom_geo"].value == "DE"  # the country was read
    assert built == []


@pytest.mark.django_db
def test_a_hit_gets_fresh_security_headers_and_its_own_csp_nonce(client, story):
    first, _ = get(client, story.url)
    second, _ = get(client, story.url)

    nonces = []
    for response in (first, second):
        (in_html,) = set(NONCE.findall(response.content.decode()))
        assert f"'nonce-{in_html}'" in response["Content-Security-Policy"]
        assert response["X-Request-ID"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]
        nonces.append(in_html)
    assert nonces[0] != nonces[1]
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.django_db
def test_head_is_served_from_the_cache_without_a_body(client, story):
    get(client, story.url)
    response = client.head(story.url)
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b""


@pytest.mark.django_db
def test_publishing_purges_the_article_and_every_listing_that_shows_it(client, home, story):
    other_section = SectionPageFactory(parent=home, title="Sport")
    ArticlePageFactory(parent=other_section, title="Cup final tonight")
    listings = [
        "/",
        story.get_parent().url,
        f"{story.get_parent().url}?page=1",
        f"{story.get_parent().url}feed/",
        "/authors/mira-holt/",
        "/authors/mira-holt/feed/",
        "/tags/shipping/",
        "/tags/shipping/feed/",
        "/feed/",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/sitemap-pages.xml?p=1",
        "/sitemap-authors.xml",
        "/sitemap-tags.xml",
        "/news-sitemap.xml",
        "/search/?q=harbour",
    ]
    urls = [story.url, *listings]
    for url in [*urls, other_section.url]:
        get(client, url)
    assert all(get(client, url)[0]["X-Page-Cache"] == "hit" for url in urls)

    story.title = "Harbour talks collapse"
    story.save_revision().publish()

    for url in urls:
        response, queries = get(client, url)
        assert response["X-Page-Cache"] == "miss", url
        assert queries > 0
        if not url.startswith("/sitemap"):  # the index and its sections carry no titles
            # (search marks the searched word: "<mark>Harbour</mark> talks collapse")
            assert "talks collapse" in response.content.decode(), url
    # A section that does not list the story keeps its cached page.
    assert get(client, other_section.url)[0]["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_an_author_or_tag_removed_by_an_edit_stops_listing_the_article(client, story):
    for url in ("/tags/shipping/", "/authors/mira-holt/"):
        get(client, url)
    story.tags.set(["Ports"])
    story.bylines.all().delete()
    story.bylines.create(author=AuthorFactory(name="Ola Berg", slug="ola-berg"))
    story.save_revision().publish()

    tag_page, _ = get(client, "/tags/shipping/")
    author_page, _ = get(client, "/authors/mira-holt/")
    assert "Harbour talks resume" not in tag_page.content.decode()
    assert "Harbour talks resume" not in author_page.content.decode()


@pytest.mark.django_db
def test_unpublishing_purges_every_page(client, home, story):
    other = ArticlePageFactory(parent=story.get_parent(), title="Ferry strike ends")
    get(client, other.url)
    get(client, "/")
    story.unpublish()
    assert get(client, other.url)[0]["X-Page-Cache"] == "miss"
    home_page, _ = get(client, "/")
    assert "Harbour talks resume" not in home_page.content.decode()
    assert client.get(story.url).status_code == 404


@pytest.mark.django_db
def test_purge_all_is_the_public_api_for_other_apps(client, story):
    get(client, story.url)
    generations.purge_all()
    assert get(client, story.url)[0]["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_signed_in_reader_is_never_served_or_stored(client, story):
    get(client, story.url)  # stored for anonymous readers
    user = get_user_model().objects.create_user("reader@example.org", password="x-long-pass-1")
    client.force_login(user)
    client.cookies["signedin"] = "1"  # as signing in sets it (test_signed_in_marker.py)

    response, queries = get(client, story.url)
    assert "X-Page-Cache" not in response
    assert queries > 0
    assert response["Cache-Control"].startswith("private")
    assert "public" not in response["Cache-Control"]

    # Their render replaced nothing: a new anonymous reader still gets the
    # anonymous page, and a page first seen signed in is not stored.
    client.logout()
    client.cookies.clear()
    assert get(client, story.url)[0]["X-Page-Cache"] == "hit"
    client.force_login(user)
    get(client, "/tags/shipping/")
    client.logout()
    client.cookies.clear()
    assert get(client, "/tags/shipping/")[0]["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_the_signed_in_marker_or_messages_cookie_bypasses_the_cache(client, story):
    get(client, story.url)
    client.cookies["signedin"] = "1"
    assert "X-Page-Cache" not in get(client, story.url)[0]
    client.cookies.clear()
    client.cookies["messages"] = "something"
    assert "X-Page-Cache" not in get(client, story.url)[0]


@pytest.mark.django_db
def test_pages_behind_a_view_restriction_are_never_public(client, story):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    response = client.get(story.url)
    assert "public" not in response.get("Cache-Control", "")
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_the_cache_can_be_switched_off(client, settings, story):
    settings.PAGE_CACHE = False
    get(client, story.url)
    rendered = []

    def note(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(note)
    try:
        response, _ = get(client, story.url)
    finally:
        template_rendered.disconnect(note)
    assert "X-Page-Cache" not in response
    # Rendered again (a rendered article runs no query: articles.routing).
    assert "articles/article_page.html" in rendered
    assert "public" in response["Cache-Control"]


def test_a_request_reads_each_generation_once_and_sees_its_own_purges():
    generations.purge(generations.SITE, generations.FEEDS)
    before = generations.generations([generations.SITE, generations.FEEDS])
    with generations.request_generations():
        assert generations.generations([generations.SITE]) == {
            generations.SITE: before[generations.SITE]
        }
        # Another process purges mid-request: this request keeps what it
        # rendered with, so a page it stores is already out of date.
        generations.cache.set(
            generations.GENERATION_PREFIX + generations.SITE, "elsewhere", timeout=None
        )
        assert generations.generations([generations.SITE, generations.FEEDS]) == before
        generations.purge(generations.FEEDS)  # its own purge it sees at once
        after = generations.generations([generations.FEEDS])[generations.FEEDS]
        assert after != before[generations.FEEDS]
    assert generations.generations([generations.SITE, generations.FEEDS]) == {
        generations.SITE: "elsewhere",
        generations.FEEDS: after,
    }


@pytest.mark.django_db
def test_a_purge_during_a_render_leaves_the_stored_page_out_of_date(client, story, monkeypatch):
    from articles.models import ArticlePage

    render = ArticlePage.get_context

    def purged_meanwhile(self, request, *args, **kwargs):
        context = render(self, request, *args, **kwargs)
        # What another process publishing this article now would do.
        key = generations.GENERATION_PREFIX + generations.page_scope(self.pk)
        generations.cache.set(key, "published-meanwhile", timeout=None)
        return context

    monkeypatch.setattr(ArticlePage, "get_context", purged_meanwhile)
    assert get(client, story.url)[0]["X-Page-Cache"] == "miss"
    monkeypatch.setattr(ArticlePage, "get_context", render)
    assert get(client, story.url)[0]["X-Page-Cache"] == "miss"
    assert get(client, story.url)[0]["X-Page-Cache"] == "hit"
