"""Redis is not a single point of failure: with it dead, reader pages render
from the database, /healthz is 200, /readyz names what is down, and only the
rate-limited actions refuse (a clear 503), because an uncounted sign-in would
be an unlimited one.

"Dead" is a real closed port through the production backend, not a mock.
"""

import shutil
import socket
import subprocess
import time

from django.core.cache import cache

import pytest

from articles.cache import generations
from newsroom import caches as newsroom_caches
from newsroom import health
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.membership.conftest import READER_PASSWORD, reader  # noqa: F401 (fixture)
from tests.redis import needs_redis, redis_url

LIVE_REDIS = redis_url(13)
LIVE_COUNTERS = redis_url(14)
DEAD_REDIS = "redis://127.0.0.1:1/13"


def use_redis(settings, location: str, counters: str = "") -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.caches.TieredRedisCache",
            "LOCATION": location,
            "COUNTERS_LOCATION": counters,
            "BREAKER_SECONDS": 5,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def server_client(client):
    client.raise_request_exception = False  # answer like the deployed site
    return client


@pytest.fixture
def story(home):
    section = SectionPageFactory(parent=home, title="World", slug="world")
    return ArticlePageFactory(parent=section, title="Harbour talks resume")


@pytest.fixture
def fresh_readiness(monkeypatch):
    monkeypatch.setattr(health, "_migrations_known_applied", False)


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_readiness")
def test_reader_pages_and_health_answer_with_redis_dead(server_client, settings, story):
    use_redis(settings, DEAD_REDIS)
    for url in ("/", story.get_parent().url, story.url, story.url, "/search/?q=harbour"):
        response = server_client.get(url)
        assert response.status_code == 200, url
    assert "Harbour talks resume" in server_client.get(story.url).content.decode()
    assert server_client.get("/healthz").status_code == 200
    ready = server_client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "degraded",
        "database": "ok",
        "migrations": "applied",
        "cache": "unreachable",
        "rate_limits": "unreachable",
    }


@pytest.mark.django_db
def test_sign_in_refuses_with_a_clear_503_when_counters_are_dead(server_client, settings, reader):  # noqa: F811
    use_redis(settings, DEAD_REDIS)
    response = server_client.post(
        "/accounts/login/", {"login": reader.email, "password": READER_PASSWORD}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Signing in is briefly unavailable" in response.content.decode()
    assert "_auth_user_id" not in server_client.session


@needs_redis
@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_readiness")
def test_a_dead_page_cache_leaves_sign_in_counted(server_client, settings, reader):  # noqa: F811
    use_redis(settings, DEAD_REDIS, counters=LIVE_COUNTERS)
    cache.counters.clear()
    response = server_client.post(
        "/accounts/login/", {"login": reader.email, "password": READER_PASSWORD}
    )
    assert response.status_code == 302
    assert server_client.session["_auth_user_id"] == str(reader.pk)
    assert cache.counters._cache.get_client().keys("*allauth:rl:*")  # it was counted
    assert server_client.get("/readyz").json()["rate_limits"] == "ok"
    cache.counters.clear()


@needs_redis
@pytest.mark.django_db
def test_dead_counters_leave_pages_cached(server_client, settings, story):
    use_redis(settings, LIVE_REDIS, counters=DEAD_REDIS)
    cache.clear()
    assert server_client.get(story.url)["X-Page-Cache"] == "miss"
    assert server_client.get(story.url)["X-Page-Cache"] == "hit"
    assert server_client.post("/accounts/login/", {"login": "a@b.c"}).status_code == 503
    cache.clear()


def test_the_breaker_spares_later_calls_the_timeout(settings, monkeypatch):
    use_redis(settings, DEAD_REDIS)
    backend = newsroom_caches.TieredRedisCache(DEAD_REDIS, settings.CACHES["default"])
    attempts = []
    real = backend._cache.get_client

    def counting(*args, **kwargs):
        attempts.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(backend._cache, "get_client", counting)
    started = time.monotonic()
    for _ in range(50):
        assert backend.get("pagecache:page:x", "miss") == "miss"
        backend.set("pagecache:page:x", "page")
        assert backend.get_many(["pagecache:gen:site"]) == {}
    assert len(attempts) == 1  # one try, then the breaker is open
    assert time.monotonic() - started < 1
    backend.breaker.open_until = 0  # the window is over: Redis is tried again
    backend.get("pagecache:page:x")
    assert len(attempts) == 2


@needs_redis
@pytest.mark.django_db
def test_a_purge_made_while_redis_is_down_lands_when_it_is_back(client, settings, story):
    use_redis(settings, LIVE_REDIS)
    cache.clear()
    assert client.get(story.url)["X-Page-Cache"] == "miss"
    assert client.get(story.url)["X-Page-Cache"] == "hit"
    cache.breaker.open_until = time.monotonic() + 60  # Redis unreachable
    generations.purge_all()  # e.g. an editor adds a view restriction meanwhile
    cache.breaker.open_until = 0  # Redis answers again
    assert client.get(story.url)["X-Page-Cache"] == "miss"
    assert not generations._unsaved_purges
    cache.clear()


@pytest.fixture
def own_redis():
    """A Redis of this test's own, to stop halfway (a real outage, not a mock)."""
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server to start and stop")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    redis_server = shutil.which("redis-server")
    server = subprocess.Popen(  # noqa: S603 (the installed redis-server, fixed arguments)
        [redis_server, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0", server
    if server.poll() is None:
        server.kill()
    server.wait()


@pytest.mark.django_db
def test_cached_pages_keep_being_served_when_redis_dies(client, settings, story, own_redis):
    location, server = own_redis
    use_redis(settings, location)
    settings.CACHES["default"]["GENERATIONS_MAX_AGE"] = 0  # every hit asks Redis
    assert client.get(story.url)["X-Page-Cache"] == "miss"
    assert client.get(story.url)["X-Page-Cache"] == "hit"
    server.kill()
    server.wait()
    for _ in range(3):  # the failed call, then with the breaker open
        response = client.get(story.url)
        assert response["X-Page-Cache"] == "hit"
        assert "Harbour talks resume" in response.content.decode()
    assert cache.breaker.is_open()
