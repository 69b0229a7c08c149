"""The page cache cannot be flooded through the query string: tracking
parameters share one stored page, and parameters no reader view reads (or
written in a form it does not accept) are never stored.

Counted in the real stores: Redis (its own database, through the production
backend) and per-process memory.
"""

from django.core.cache import cache

import pytest

from tests.factories import ArticlePageFactory
from tests.redis import REASON, redis_is_running, redis_url

pytestmark = pytest.mark.django_db
FLOOD = 200


@pytest.fixture(params=["redis", "memory"])
def stored_pages(request, settings):
    """A function counting the stored pages, in the cache under test."""
    if request.param == "redis":
        if not redis_is_running():
            pytest.skip(REASON)
        settings.CACHES = {
            "default": {
                "BACKEND": "newsroom.caches.TieredRedisCache",
                "LOCATION": redis_url(13),
            }
        }
        cache.clear()
        client = cache._cache.get_client(write=True)
        yield lambda: len(client.keys("*pagecache:page:*"))
        cache.clear()
    else:
        yield lambda: sum(":pagecache:page:" in key for key in cache._cache)


@pytest.fixture
def story(section):
    return ArticlePageFactory(parent=section, title="Harbour talks resume")


def test_tracking_parameters_share_one_stored_page(client, home, stored_pages):
    statuses = set()
    for n in range(FLOOD):
        response = client.get(f"/?utm_source=flood{n}&utm_medium=x&fbclid={n}&gclid={n}")
        statuses.add((response.status_code, response["X-Page-Cache"]))
    assert statuses == {(200, "miss"), (200, "hit")}
    assert stored_pages() == 1
    assert client.get("/")["X-Page-Cache"] == "hit"  # the same page, without them


@pytest.mark.parametrize(
    "query",
    [
        "flood{n}=1",  # a parameter no view reads
        "x={n}",
        "page={n}&q=harbour",  # q on a listing that does not read it
        "page=0{n}",  # page 1, 2… written with a leading zero
    ],
)
def test_unknown_parameters_are_never_stored(client, section, stored_pages, query):
    ArticlePageFactory(parent=section, title="Harbour talks resume")
    for n in range(1, FLOOD // 4):
        response = client.get(f"{section.url}?{query.format(n=n)}")
        assert response.status_code in (200, 404)
        assert "X-Page-Cache" not in response
        if response.status_code == 200:
            assert "public" not in response["Cache-Control"]
    assert stored_pages() == 0


def test_parameters_a_view_reads_key_their_own_pages(client, story, stored_pages):
    assert client.get("/search/?q=harbour")["X-Page-Cache"] == "miss"
    assert client.get("/search/?utm_campaign=spring&q=harbour")["X-Page-Cache"] == "hit"
    assert client.get("/search/?q=talks")["X-Page-Cache"] == "miss"
    section = story.get_parent()
    assert client.get(f"{section.url}?page=1")["X-Page-Cache"] == "miss"
    assert client.get(f"{section.url}?page=1&mc_cid=abc")["X-Page-Cache"] == "hit"
    assert client.get(story.url + "?q=harbour").get("X-Page-Cache") is None  # not read there
    assert stored_pages() == 3
