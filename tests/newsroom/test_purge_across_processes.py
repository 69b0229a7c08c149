"""Two real processes (as two gunicorn workers) on one Redis: a cache hit
costs no Redis round trip, and a purge made in one process is seen in the
other within the documented bound (``REDIS_GENERATIONS_MAX_AGE``)."""

import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

from newsroom.caches import DEFAULT_GENERATIONS_MAX_AGE
from tests.redis import needs_redis, redis_url

pytestmark = needs_redis
ROOT = Path(__file__).resolve().parent.parent.parent
LOCATION = redis_url(12)
BOUND = DEFAULT_GENERATIONS_MAX_AGE
# Scheduling on a busy machine: a child answers a command within this.
SLACK = 0.5


class Worker:
    def __init__(self, prefix: str) -> None:
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "tests.newsroom.cache_process", LOCATION, prefix, str(BOUND)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, command: str) -> list[str]:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().split()

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture
def workers():
    prefix = f"test-{uuid.uuid4().hex}"
    first, second = Worker(prefix), Worker(prefix)
    yield first, second
    first.stop()
    second.stop()
    client = redis.Redis.from_url(LOCATION)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def commands_processed(client: redis.Redis) -> int:
    return client.info("stats")["total_commands_processed"]


def test_hits_cost_no_round_trip_and_a_purge_reaches_the_other_process(workers):
    first, second = workers
    status, page = first.ask("get")
    assert status == "miss"
    assert second.ask("get") == ["hit", page]  # stored by the first, from Redis

    # Hits from the second process's own copy: no command reaches Redis
    # (at most one re-read of the generations, should the bound pass).
    client = redis.Redis.from_url(LOCATION)
    before = commands_processed(client)
    for _ in range(20):
        assert second.ask("get") == ["hit", page]
    assert commands_processed(client) - before <= 2  # the INFO itself, one re-read

    # The first process publishes: it sees it at once, the second within the bound.
    assert first.ask("purge") == ["purged"]
    purged_at = time.monotonic()
    status, new_page = first.ask("get")
    assert status == "miss"
    assert new_page != page
    while second.ask("get")[1] == page:
        assert time.monotonic() - purged_at <= BOUND + SLACK, "purge not seen within the bound"
        time.sleep(0.01)
    assert time.monotonic() - purged_at <= BOUND + SLACK
    assert second.ask("get")[1] != page
