"""The Redis backend's per-process copies: entries whose key names their
generation (kept until evicted), stored pages (checked against the
generations) and the generations themselves (re-read from Redis once older
than the bound, so another process's purge is seen within it)."""

import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.cache.utils import make_template_fragment_key

import pytest

from articles.cache import generations
from articles.cache.keys import entry_key
from newsroom import caches as caches_module
from newsroom.caches import TieredRedisCache
from tests.redis import needs_redis, redis_url

pytestmark = needs_redis


@pytest.fixture
def processes():
    """Two backends on one Redis database, as two gunicorn workers have, and
    a plain client to change Redis behind their backs."""
    prefix = f"test-{uuid.uuid4().hex}"
    params = {"KEY_PREFIX": prefix, "TIMEOUT": 60}
    location = redis_url(15)
    first, second = TieredRedisCache(location, params), TieredRedisCache(location, params)
    plain = RedisCache(location, params)
    yield first, second, plain
    first.clear()


def test_a_generation_keyed_entry_is_read_from_redis_once_per_process(processes):
    first, second, plain = processes
    key = "template.cache.gen:article_main.0123abcd"
    first.set(key, "<article>Harbour talks resume</article>", 600)
    assert second.get(key) == "<article>Harbour talks resume</article>"  # from Redis
    plain.delete(key)  # evicted from Redis: both processes keep their copy
    assert first.get(key) == "<article>Harbour talks resume</article>"
    assert second.get(key) == "<article>Harbour talks resume</article>"
    assert plain.get(key) is None
    first.delete(key)
    assert first.get(key) is None


def test_generation_keyed_entries_read_together_come_from_the_copy_first(processes):
    first, second, plain = processes
    site, lookup, absent = "gen:abc:site-bundle", "gen:abc:lookups:restrictions", "gen:abc:x"
    first.set(site, "bundle", 600)
    plain.set(lookup, [(1, "0001")], 600)
    # One round trip for the keys this process has no copy of; the copy for the rest.
    assert first.get_many([site, lookup, absent]) == {site: "bundle", lookup: [(1, "0001")]}
    plain.delete(site)
    plain.delete(lookup)
    assert first.get_many([site, lookup, absent]) == {site: "bundle", lookup: [(1, "0001")]}
    assert second.get_many([site, lookup]) == {}  # never copied there


def test_generations_and_stored_pages_always_come_from_redis(processes):
    first, second, plain = processes
    generation = generations.GENERATION_PREFIX + generations.SITE
    first.set(generation, "before", None)
    first.set("pagecache:page:/", "old page", 60)
    assert second.get(generation) == "before"
    assert second.get("pagecache:page:/") == "old page"
    # Another process purges and stores a new page: both are seen at once.
    plain.set(generation, "after", None)
    plain.set("pagecache:page:/", "new page", 60)
    assert first.get(generation) == "after"
    assert second.get("pagecache:page:/") == "new page"
    assert first.get("template.cache.unknown_fragment.1") is None
    assert not first.keeps_local("template.cache.unknown_fragment.1")
    assert first.keeps_local(generations.generation_key("lookups", "live-sections"))
    assert first.keeps_local(make_template_fragment_key("gen:home_front", [1, "abc123"]))
    assert not first.keeps_local(make_template_fragment_key("home_front", [1, "abc123"]))


def test_every_template_fragment_is_generation_keyed():
    """The backend keeps a per-process copy of a fragment by its name's prefix
    alone: a fragment cached without it would be read from Redis every time."""
    assert generations.GENERATION_KEYED == caches_module.GENERATION_KEYED
    tag = re.compile(r"{%\s*(?:wagtail)?cache\s+\S+\s+(\S+)")
    names = [
        name
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        for name in tag.findall(path.read_text())
    ]
    assert len(names) >= 8
    assert all(name.startswith(generations.GENERATION_KEYED) for name in names), names


def test_clear_empties_the_copy_too(processes):
    first, _, _ = processes
    first.set("seo:1:abc:https:example.org:", {"title": "x"}, 600)
    first.clear()
    assert first.get("seo:1:abc:https:example.org:") is None


@pytest.fixture
def redis_default_cache(settings):
    location, prefix = redis_url(15), f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.caches.TieredRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
        }
    }
    yield RedisCache(location, {"KEY_PREFIX": prefix})
    caches["default"].clear()


@pytest.mark.django_db
def test_a_page_is_served_from_this_processes_copy_only_while_current(
    client, rf, home, redis_default_cache
):
    from articles.models import HomePage

    key = entry_key(rf.get("/"))
    assert client.get("/")["X-Page-Cache"] == "miss"
    # Gone from Redis (evicted): this process still has a current copy.
    redis_default_cache.delete(key)
    assert redis_default_cache.get(key) is None
    assert client.get("/")["X-Page-Cache"] == "hit"
    # Another process publishes the home page: the copy is no longer current.
    home = HomePage.objects.get(pk=home.pk)
    home.intro = "Published elsewhere"
    home.save_revision().publish()
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert "Published elsewhere" in client.get("/").content.decode()


def test_generations_come_from_this_processes_copy_within_the_bound(processes):
    first, second, plain = processes
    first.generations.max_age = second.generations.max_age = 0.2
    key = generations.GENERATION_PREFIX + generations.SITE
    first.set_many({key: "before"}, None)
    assert second.get_many([key]) == {key: "before"}
    # Another process purges: seen here once the copy is older than the bound.
    second.set_many({key: "after"}, None)
    assert second.get_many([key]) == {key: "after"}  # its own purge: at once
    assert first.get_many([key]) == {key: "before"}  # no round trip yet
    time.sleep(0.2)
    assert first.get_many([key]) == {key: "after"}
    # Gone from Redis (flushed): forgotten here too after the bound.
    plain.delete(key)
    time.sleep(0.2)
    assert first.get_many([key]) == {}


def test_with_redis_unreachable_generations_are_the_last_known(processes):
    first, _, _ = processes
    first.generations.max_age = 0
    key = generations.GENERATION_PREFIX + generations.SITE
    first.set_many({key: "known"}, None)
    first.breaker.open_until = time.monotonic() + 60  # Redis unreachable
    assert first.get_many([key]) == {key: "known"}
    assert first.get(key) == "known"
    first.breaker.open_until = 0


def test_wagtails_site_root_paths_are_kept_for_the_bound(processes):
    first, _, plain = processes
    first.generations.max_age = first.bounded.max_age = 0.2
    key = "wagtail_site_root_paths"
    plain.set(key, ["/home/"], None, version=2)
    assert first.get(key, version=2) == ["/home/"]
    plain.set(key, ["/news-home/"], None, version=2)  # another process changed a site
    assert first.get(key, version=2) == ["/home/"]  # this process's copy, no round trip
    time.sleep(0.2)
    assert first.get(key, version=2) == ["/news-home/"]
    first.delete(key, version=2)  # Wagtail's own invalidation: at once here
    assert first.get(key, version=2) is None


def test_each_connection_pool_has_one_client_kept_across_calls(processes):
    # Django builds a redis.Redis for every call (its constructor costs about
    # what the round trip does); the backend keeps one per pool.
    first, _, _ = processes
    for backend in (first._cache, first.counters._cache):
        assert backend.get_client(write=True) is backend.get_client(write=True)
        assert backend.get_client() is backend.get_client(write=True)  # one server
    first.set("kept-client", "x", 60)
    assert first.get("kept-client") == "x"
