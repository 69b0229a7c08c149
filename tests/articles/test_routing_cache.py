"""A rendered article is routed from the cache: no SQL query, and never stale.

``articles.routing`` keeps the article it loaded under the articles'
generation, so a signed-in reader's article costs no query; any article's
publish and anything site-wide (unpublishing, moving) give it a new key.
"""

from unittest import mock

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from articles.models import ArticleCorrection
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


def get(client, url: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_rendered_article_runs_no_query_once_routed(client, section):
    article = ArticlePageFactory(parent=section, title="Ceasefire holds")
    first, _ = get(client, article.url)
    second, queries = get(client, article.url)
    assert first.status_code == second.status_code == 200
    assert "Ceasefire holds" in second.content.decode()
    assert queries == 0


def test_a_published_edit_is_routed_at_once(client, section):
    article = ArticlePageFactory(parent=section, title="Ceasefire holds")
    client.get(article.url)
    article.title = "Ceasefire broken"
    ArticleCorrection.objects.create(page=article, text="An earlier version misdated the talks.")
    publish(article)
    html = client.get(article.url).content.decode()
    assert "Ceasefire broken" in html
    assert "misdated the talks" in html


def test_an_unpublished_or_moved_article_is_not_served_from_the_cache(client, section, home):
    article = ArticlePageFactory(parent=section)
    old_url = article.url
    assert client.get(old_url).status_code == 200
    article.unpublish()
    assert client.get(old_url).status_code == 404

    other = ArticlePageFactory(parent=section)
    old_url = other.url
    client.get(old_url)
    elsewhere = SectionPageFactory(parent=home, slug="elsewhere")
    other.move(elsewhere, pos="last-child")
    other.refresh_from_db()
    assert client.get(other.url).status_code == 200
    # Wagtail's automatic redirect, not the article kept under the old path.
    assert client.get(old_url).status_code in (301, 302)


def test_unknown_paths_store_nothing(client, section):
    """A flood of made-up paths under a section must not fill the cache."""
    ArticlePageFactory(parent=section)
    client.get(section.url)
    backend = type(caches["default"])
    written = []
    real_set = backend.set

    def set(self, key, *args, **kwargs):
        written.append(key)
        return real_set(self, key, *args, **kwargs)

    with mock.patch.object(backend, "set", set):
        for n in range(5):
            assert client.get(f"{section.url}no-such-story-{n}/").status_code == 404
    assert not [key for key in written if ":article:" in key], written
