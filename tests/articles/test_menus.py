"""The main menu and footer links: the settings' streams resolved with the
site (``articles.menus``), kept with it in the cache, and purged with it."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest

from articles.models import SiteSettings, StandardPage
from articles.site import load_site
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


def nav(html: str, css_class: str) -> list[str]:
    block = re.search(rf'<(nav|ul) class="{css_class}".*?</\1>', html, re.S).group(0)
    return [re.sub(r"\s+", " ", item) for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


@pytest.fixture
def menus(home, section):
    about = StandardPage(title="About us", slug="about")
    home.add_child(instance=about)
    gone = SectionPageFactory(parent=home, title="Gone", slug="gone")
    gone.unpublish()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.main_menu = [
        {"type": "page", "value": {"page": section.pk, "label": ""}},
        {"type": "page", "value": {"page": gone.pk, "label": ""}},
        {"type": "page", "value": {"page": about.pk, "label": "About"}},
    ]
    site_settings.footer_links = [
        {"type": "page", "value": {"page": about.pk, "label": ""}},
        {"type": "link", "value": {"url": "https://example.org/jobs", "label": "Jobs"}},
    ]
    site_settings.save()
    return about


def test_menus_show_live_pages_their_labels_and_the_current_page(client, section, menus):
    html = client.get(section.url).content.decode()
    assert nav(html, "main-menu") == [
        '<a href="/world/" aria-current="page">World</a>',
        '<a href="/about/">About</a>',
    ]
    assert nav(html, "footer-links") == [
        '<a href="/about/">About us</a>',
        '<a href="https://example.org/jobs">Jobs</a>',
    ]
    article = ArticlePageFactory(parent=section)
    html = client.get(article.url).content.decode()
    assert nav(html, "main-menu")[0] == '<a href="/world/">World</a>'


def test_a_renamed_page_and_an_edited_menu_show_at_once(client, section, menus):
    client.get(section.url)
    menus.title = "Who we are"
    menus.save_revision().publish()
    assert nav(client.get(section.url).content.decode(), "footer-links")[0] == (
        '<a href="/about/">Who we are</a>'
    )
    site_settings = SiteSettings.objects.get()
    site_settings.footer_links = []
    site_settings.save()
    assert 'class="footer-links"' not in client.get(section.url).content.decode()
    section.unpublish()
    assert nav(client.get(menus.url).content.decode(), "main-menu") == [
        '<a href="/about/" aria-current="page">About</a>'
    ]


def test_both_menus_are_resolved_in_one_query_and_cached_as_plain_links(menus):
    with CaptureQueriesContext(connection) as queries:
        bundle = load_site("localhost", "80")
    assert len(queries) == 2  # the site with its settings, then the menus' pages
    assert [link.label for link in bundle.menus.main] == ["World", "About"]
    assert all(
        type(value) in (str, int, type(None)) for link in bundle.menus.main for value in link
    )
