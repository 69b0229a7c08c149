"""The Redis that tests use: the machine's own on 127.0.0.1:6379 (CI has it).

Each test module takes its own database numbers so that modules never flush
each other's keys."""

import socket

import pytest


def redis_is_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


needs_redis = pytest.mark.skipif(
    not redis_is_running(), reason="needs Redis on 127.0.0.1:6379 (CI runs it)"
)
