"""The rate-limit counters' Redis, which fails *closed*.

Rate-limit counters (``COUNTER_PREFIXES``: allauth's sign-in limits, the
appeal beacon) go to their own client, ``REDIS_RATELIMIT_URL`` (an instance
that never evicts, see docs/deploy.md; ``REDIS_URL`` when unset). A failure
there raises ``CountersUnavailable``, which ``newsroom.errors`` answers with a
503: a sign-in that cannot be counted is refused, never let through
uncounted. ``newsroom.caches.TieredRedisCache`` sends counter keys here.
"""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

from newsroom.redis_client import KeptClients

logger = logging.getLogger(__name__)

# Rate-limit counters: allauth's (``allauth.core.internal.ratelimit``, and
# its locks) and the appeal beacon's (``membership.views.appeals``).
COUNTER_PREFIXES = ("allauth:rl:", "membership:appeals:beacon:")
DEFAULT_BREAKER_SECONDS = 5.0


class CountersUnavailable(Exception):
    """The rate-limit counters cannot be read or written: refuse the action."""


class Breaker:
    """Open for ``seconds`` after a failure: calls skip Redis meanwhile."""

    def __init__(self, name: str, seconds: float) -> None:
        self.name = name
        self.seconds = seconds
        self.open_until = 0.0

    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def trip(self, error: Exception) -> None:
        logger.warning(
            "Redis (%s) unavailable, skipping it for %ss: %s", self.name, self.seconds, error
        )
        self.open_until = time.monotonic() + self.seconds


def is_counter(key: Any) -> bool:
    return isinstance(key, str) and key.startswith(COUNTER_PREFIXES)


class CounterRedisCache(RedisCache):
    """The counters' Redis: any failure raises ``CountersUnavailable``."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = KeptClients  # one redis.Redis per pool, not one per call
        seconds = params.get("BREAKER_SECONDS", DEFAULT_BREAKER_SECONDS)
        self.breaker = Breaker("rate limits", seconds)

    def call(self, method: Callable, *args, **kwargs):
        if self.breaker.is_open():
            raise CountersUnavailable("rate-limit counters unavailable")
        try:
            return method(*args, **kwargs)
        except RedisError as error:
            self.breaker.trip(error)
            raise CountersUnavailable("rate-limit counters unavailable") from error

    def reachable(self) -> bool:
        try:
            return bool(self.call(lambda: self._cache.get_client(write=True).ping()))
        except CountersUnavailable:
            return False
