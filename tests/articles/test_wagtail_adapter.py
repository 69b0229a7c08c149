"""The private Wagtail (and Django) API the project relies on, in one place:
``articles/wagtail_adapter.py``. Each test checks that Wagtail still reads
what the adapter writes, so an upgrade that renames or drops one of these
attributes fails here, loudly, instead of silently costing queries or serving
another site's settings."""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.functional import cached_property

from wagtail.models import Page, Site
from wagtail.models.sites import SiteRootPath, get_site_for_hostname

import pytest

from articles import wagtail_adapter
from articles.models import ArticlePage, SiteSettings
from tests.factories import ArticlePageFactory, ImageFactory


def test_raw_host_is_the_host_header_with_its_port(rf):
    request = rf.get("/", HTTP_HOST="news.example.org:8000")
    assert wagtail_adapter.raw_host(request) == "news.example.org:8000"


# (hostname, port, is_default_site) of the sites, then hosts to look up.
SITES = [
    ("localhost", 80, True),
    ("news.example.org", 80, False),
    ("news.example.org", 8000, False),
    ("other.example.org", 443, False),
    ("other.example.org", 8443, False),
]
LOOKUPS = [
    ("localhost", "80"),
    ("localhost", "8000"),
    ("news.example.org", "80"),
    ("news.example.org", "8000"),
    ("news.example.org", "9999"),
    ("other.example.org", "443"),
    ("other.example.org", "80"),  # two sites with the host, neither on the port
    ("unknown.example.org", "80"),
]


def _wagtails_choice(hostname: str, port: str) -> Site | None:
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_match_site_picks_what_wagtails_lookup_picks(home, count):
    Site.objects.all().delete()
    for hostname, port, default in SITES[:count]:
        Site.objects.create(hostname=hostname, port=port, is_default_site=default, root_page=home)
    sites = list(Site.objects.all())
    for hostname, port in LOOKUPS:
        wanted = _wagtails_choice(hostname, port)
        assert wagtail_adapter.match_site(sites, hostname, port) == wanted, (hostname, port)
    without_default = [site for site in sites if not site.is_default_site]
    Site.objects.filter(is_default_site=True).delete()
    for hostname, port in LOOKUPS:
        wanted = _wagtails_choice(hostname, port)
        assert wagtail_adapter.match_site(without_default, hostname, port) == wanted


def test_site_root_paths_are_what_wagtail_computes(home):
    Site.objects.create(hostname="news.example.org", port=443, root_page=home)
    sites = Site.objects.select_related("root_page__locale").order_by(
        *wagtail_adapter.SITE_ROOT_PATHS_ORDER
    )
    assert wagtail_adapter.site_root_paths(list(sites)) == Site.get_site_root_paths()


def test_set_site_root_paths_is_what_page_urls_read_without_a_query(rf, home):
    request = rf.get("/")
    paths = Site.get_site_root_paths()
    wagtail_adapter.set_site_root_paths(request, paths)
    wagtail_adapter.set_request_site(request, Site.objects.get(is_default_site=True))
    caches["default"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert home.get_url(request) == "/"
    assert len(queries) == 0


def test_share_site_root_paths_is_what_a_page_builds_its_url_from(section):
    page = Page.objects.get(pk=section.pk)  # Wagtail's own get_url_parts
    shared = [
        SiteRootPath(98, "/news-home/", "https://shared.example.org", "en"),
        SiteRootPath(99, "/elsewhere/", "https://other.example.org", "en"),
    ]
    wagtail_adapter.share_site_root_paths([page], shared)
    caches["default"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert page.get_url() == "https://shared.example.org/world/"
    assert len(queries) == 0


def test_store_site_root_paths_is_wagtails_own_cache(home):
    paths = Site.get_site_root_paths()
    caches["default"].clear()
    wagtail_adapter.store_site_root_paths(paths)
    with CaptureQueriesContext(connection) as queries:
        assert Site.get_site_root_paths() == paths
        assert home.full_url == "http://localhost/"
    assert len(queries) == 0


def test_set_request_site_is_what_wagtail_answers_without_a_query(rf, home):
    request = rf.get("/", HTTP_HOST="unknown.example.org")
    site = Site.objects.get(is_default_site=True)
    wagtail_adapter.set_request_site(request, site)
    with CaptureQueriesContext(connection) as queries:
        assert Site.find_for_request(request) is site
    assert len(queries) == 0


def test_set_request_settings_is_what_wagtail_answers_without_a_query(rf, home):
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    request = rf.get("/")
    wagtail_adapter.set_request_site(request, site)
    wagtail_adapter.set_request_settings(request, site_settings)
    with CaptureQueriesContext(connection) as queries:
        assert SiteSettings.for_request(request) is site_settings
    assert len(queries) == 0
    # Settings Wagtail looks up itself keep the request the same way.
    other = rf.get("/")
    wagtail_adapter.set_request_site(other, site)
    assert SiteSettings.for_request(other)._request is other
    assert site_settings._request is request


def test_set_parent_is_what_get_parent_answers_without_a_query(section):
    article = ArticlePage.objects.get(pk=ArticlePageFactory(parent=section).pk)
    wagtail_adapter.set_parent(article, section)
    with CaptureQueriesContext(connection) as queries:
        assert article.get_parent() is section
    assert len(queries) == 0


def test_set_cached_property_fills_the_articles_section(section):
    assert isinstance(ArticlePage.__dict__["section"], cached_property)
    article = ArticlePage.objects.get(pk=ArticlePageFactory(parent=section).pk)
    wagtail_adapter.set_cached_property(article, "section", section)
    with CaptureQueriesContext(connection) as queries:
        assert article.section is section
    assert len(queries) == 0


@pytest.mark.parametrize(
    ("owner", "name"),
    [(Site, "find_for_request"), (Site, "get_site_root_paths"), (SiteSettings, "for_request")],
)
def test_the_methods_the_adapter_calls_exist(owner, name):
    assert callable(getattr(owner, name))


def test_set_prefetched_renditions_is_what_get_renditions_reads_without_a_query(db):
    image = ImageFactory()
    made = image.get_rendition("width-100")
    fresh = type(image).objects.get(pk=image.pk)
    wagtail_adapter.set_prefetched_renditions(fresh, [made])
    with CaptureQueriesContext(connection) as queries:
        assert fresh.get_renditions("width-100")["width-100"].pk == made.pk
    assert len(queries) == 0
