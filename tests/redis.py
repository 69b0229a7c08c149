"""The Redis that tests use: the machine's own on 127.0.0.1:6379 (CI has it),
or another server named by TEST_REDIS (e.g. redis://127.0.0.1:6390) so that
several checkouts can run their suites side by side.

Each test module takes its own database numbers so that modules never flush
each other's keys."""

import os
import socket
from urllib.parse import urlsplit

import pytest

TEST_REDIS = os.environ.get("TEST_REDIS", "redis://127.0.0.1:6379").rstrip("/")
REASON = f"needs Redis at {TEST_REDIS} (CI runs it)"


def redis_url(db: int) -> str:
    """The URL of database `db` on the test Redis."""
    return f"{TEST_REDIS}/{db}"


def redis_is_running() -> bool:
    address = urlsplit(TEST_REDIS)
    try:
        socket.create_connection((address.hostname, address.port or 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


needs_redis = pytest.mark.skipif(not redis_is_running(), reason=REASON)
