"""A view restriction takes effect in every process within the generations'
bound (``REDIS_GENERATIONS_MAX_AGE``), in the process that saved it at once:
the cached look-ups and stored pages of each process are keyed by generations
in the shared cache, which production requires (tests/newsroom/test_settings.py).

Two processes are two backends on one Redis database (each with its own
per-process copies), as two gunicorn workers have.
"""

import time

from django.contrib.auth.models import Group
from django.core.cache import cache

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from articles.cache import generations
from newsroom.caches import TieredRedisCache
from tests.factories import ArticlePageFactory
from tests.redis import REASON, redis_is_running, redis_url

pytestmark = pytest.mark.django_db
LOCATION = redis_url(13)
BOUND = 0.2  # seconds: GENERATIONS_MAX_AGE here


@pytest.fixture
def story(section):
    return ArticlePageFactory(parent=section, title="Harbour talks resume")


@pytest.fixture
def shared_redis(settings):
    if not redis_is_running():
        pytest.skip(REASON)
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.caches.TieredRedisCache",
            "LOCATION": LOCATION,
            "GENERATIONS_MAX_AGE": BOUND,
        }
    }
    cache.clear()
    yield TieredRedisCache(LOCATION, {})  # the other process
    cache.clear()


def test_a_restriction_added_by_another_process_applies_here_within_the_bound(
    client, story, shared_redis
):
    other = shared_redis
    assert client.get(story.url)["X-Page-Cache"] == "miss"
    assert client.get(story.url)["X-Page-Cache"] == "hit"  # this process has its copies now

    # The other process saves the restriction: the row, and its purge (a new
    # site generation) in the shared cache; this process re-reads the
    # generations once its copy is older than the bound.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=story, restriction_type=PageViewRestriction.LOGIN)]
    )
    other.set(
        generations.GENERATION_PREFIX + generations.SITE, "purged-by-the-other-process", None
    )
    time.sleep(BOUND)

    response = client.get(story.url)
    assert response.status_code == 302
    assert "next=" + story.url in response["Location"]  # sent to sign in


def test_saving_a_restriction_purges_the_stored_page(client, story):
    assert client.get(story.url)["X-Page-Cache"] == "miss"
    assert client.get(story.url)["X-Page-Cache"] == "hit"
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(story.url)
    assert response.status_code == 302
    assert "X-Page-Cache" not in response


def test_a_collection_restriction_purges_everything(home):
    before = generations.generations([generations.SITE])[generations.SITE]
    restriction = CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node(),
        restriction_type=CollectionViewRestriction.GROUPS,
    )
    restriction.groups.add(Group.objects.create(name="Staff only"))
    assert generations.generations([generations.SITE])[generations.SITE] != before
