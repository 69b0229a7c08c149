"""The request's site, its settings and Wagtail's site root paths, found in
one query on a cold cache (``articles.site.load_site``), and the pages the
site needs (the menus', the live sections, the view restrictions) in one more."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

import pytest

from articles.image_specs import LOGO_SPEC, SHARE_IMAGE_SPEC
from articles.models import HomePage, SectionPage, SiteSettings
from articles.site import load_site
from tests.factories import HomePageFactory, ImageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def test_one_query_finds_the_site_its_settings_root_page_and_root_paths(home):
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-home")
    other = Site.objects.create(hostname="other.example.org", port=80, root_page=other_home)
    SiteSettings.objects.create(site=other, site_name="The Other Ledger")
    with CaptureQueriesContext(connection) as queries:
        bundle = load_site("other.example.org", "80")
        assert bundle.site == other
        assert bundle.settings.site_name == "The Other Ledger"
        assert isinstance(bundle.site.root_page.localized.specific, HomePage)
        assert bundle.site.root_page.specific.pk == other_home.pk
    assert len(queries) == 2  # the sites; the pages (menus', sections, restrictions)
    assert bundle.root_paths == Site.get_site_root_paths()
    # An unknown host gets the default site, as from Wagtail.
    assert load_site("unknown.example.org", "80").site == Site.objects.get(is_default_site=True)


def test_a_site_without_settings_gets_them_created(home):
    SiteSettings.objects.all().delete()
    bundle = load_site("localhost", "80")
    assert bundle.settings == SiteSettings.objects.get(site=bundle.site)


def test_a_root_page_of_another_type_is_loaded_as_wagtail_does(home):
    section = SectionPageFactory(parent=home)
    site = Site.objects.create(hostname="section.example.org", port=80, root_page=section)
    SiteSettings.objects.create(site=site)
    with CaptureQueriesContext(connection) as queries:
        bundle = load_site("section.example.org", "80")
        assert isinstance(bundle.site.root_page.localized.specific, SectionPage)
    assert len(queries) == 3  # the sites, the section's own row, the pages


def test_the_logo_and_default_share_image_come_with_the_cached_site(home):
    """The head meta's site images and their renditions are loaded with the
    site (one more query, for the renditions, besides the pages' query), and
    kept with it in the cache."""
    logo, share = ImageFactory(), ImageFactory()
    logo.get_rendition(LOGO_SPEC)
    share.get_rendition(SHARE_IMAGE_SPEC)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.logo, site_settings.default_share_image = logo, share
    site_settings.save()
    with CaptureQueriesContext(connection) as loading:
        cache.set("test-site-bundle", load_site("localhost", "80"))
    found = cache.get("test-site-bundle").settings  # as attach_site keeps it
    with CaptureQueriesContext(connection) as queries:
        logo_url = found.logo.get_rendition(LOGO_SPEC).url
        share_url = found.default_share_image.get_rendition(SHARE_IMAGE_SPEC).url
    assert len(loading) == 3  # the sites, the renditions, the pages
    assert len(queries) == 0
    assert (logo_url, share_url) == (
        logo.get_rendition(LOGO_SPEC).url,
        share.get_rendition(SHARE_IMAGE_SPEC).url,
    )
