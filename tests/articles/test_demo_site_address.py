"""The demo's Site answers at the address it is served on (``SITE_URL``, which
``make run`` sets from ``PORT``): every absolute URL keeps the port.

Wagtail's first migration leaves a default Site at localhost, port 80; the
demo used to keep it, so after ``PORT=8721 make run`` canonical links, og:url,
the share box, the RSS feed and robots.txt's ``Sitemap:`` lines all pointed at
http://localhost/ (no port).
"""

from wagtail.models import Site

import feedparser
import pytest

from articles.demo import build
from articles.demo.assets import Report
from articles.models import SectionPage
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

SERVED_AT = "http://127.0.0.1:8721"
HOST = "127.0.0.1:8721"


@pytest.fixture
def demo_home(settings):
    settings.SITE_URL = SERVED_AT
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver", "localhost"]
    home = build.ensure_home(Report())
    section = SectionPageFactory(parent=home, slug="world", title="World")
    ArticlePageFactory(parent=section, slug="double-game", title="Double game")
    return home


def test_the_demo_site_takes_its_host_and_port_from_site_url(demo_home):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("127.0.0.1", 8721, demo_home.pk)
    assert site.root_url == SERVED_AT


def test_serving_on_another_port_moves_the_site_there(demo_home, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    build.ensure_home(Report())
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"


def test_absolute_urls_keep_the_port(demo_home, client):
    url = f"{SERVED_AT}/world/double-game/"
    html = client.get("/world/double-game/", HTTP_HOST=HOST).content.decode()
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'id="share-url" type="text" readonly value="{url}"' in html
    feed = feedparser.parse(client.get("/feed/", HTTP_HOST=HOST).content)
    assert [entry.link for entry in feed.entries] == [url]
    robots = client.get("/robots.txt", HTTP_HOST=HOST).content.decode()
    assert f"Sitemap: {SERVED_AT}/sitemap.xml" in robots.splitlines()
    assert SectionPage.objects.get(slug="world").full_url == f"{SERVED_AT}/world/"
