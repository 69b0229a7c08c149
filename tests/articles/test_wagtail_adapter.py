"""The private Wagtail (and Django) API the project relies on, in one place:
``articles/wagtail_adapter.py``. Each test checks that Wagtail still reads
what the adapter writes, so an upgrade that renames or drops one of these
attributes fails here, loudly, instead of silently costing queries or serving
another site's settings."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.functional import cached_property

from wagtail.models import Site

import pytest

from articles import wagtail_adapter
from articles.models import ArticlePage, SiteSettings
from tests.factories import ArticlePageFactory


def test_raw_host_is_the_host_header_with_its_port(rf):
    request = rf.get("/", HTTP_HOST="news.example.org:8000")
    assert wagtail_adapter.raw_host(request) == "news.example.org:8000"


def test_find_site_is_wagtails_uncached_lookup(rf, home):
    request = rf.get("/", HTTP_HOST="localhost")
    assert wagtail_adapter.find_site(request) == Site.objects.get(is_default_site=True)
    assert not hasattr(request, "_wagtail_site")  # the cached look-up is ours to fill


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
    [(Site, "_find_for_request"), (Site, "find_for_request"), (SiteSettings, "for_request")],
)
def test_the_methods_the_adapter_calls_exist(owner, name):
    assert callable(getattr(owner, name))
