from io import StringIO

from django.core.management import call_command

from wagtail.models import Page, Site

import pytest

from articles.models import HomePage


def load() -> None:
    call_command("load_demo_content", stdout=StringIO())


@pytest.mark.django_db
def test_demo_content_makes_the_home_page_the_site_root():
    load()
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.site_name


@pytest.mark.django_db
def test_demo_content_is_idempotent():
    load()
    pages = list(Page.objects.values_list("pk", "path", "title"))
    sites = list(Site.objects.values_list("pk", "root_page_id"))
    load()
    assert list(Page.objects.values_list("pk", "path", "title")) == pages
    assert list(Site.objects.values_list("pk", "root_page_id")) == sites
