"""The Redis cache backend used when ``REDIS_URL`` is set.

Redis is never a single point of failure. A cache failure (refused, timed
out, out of memory) is a miss: the read returns its default, the write is
dropped, and reader pages render from the database. Connections time out
quickly (``REDIS_CONNECT_TIMEOUT``, ``REDIS_TIMEOUT``), and after a failure a
breaker keeps the process off Redis for ``REDIS_BREAKER_SECONDS``, so a dead
Redis costs one timeout per process and window rather than one per call.

Rate-limit counters are the exception: they fail *closed*, through their own
client (``newsroom.counters``).

Every Redis read is a network round trip, and a cache hit should cost none.
So each process keeps copies, read before Redis:

* Entries whose key names the generation they were made for (the cached
  look-ups, the head meta and the reader templates' fragments) can never
  change under their key: a purge gives them new keys rather than new values.
  Their keys all start with ``GENERATION_KEYED`` (a template fragment's too:
  its name does, ``{% cache 600 gen:<name> … %}``); the copy is kept
  (``local``) until it expires or is evicted.
* Generations (keys starting with ``GENERATIONS``) do change: a purge writes a
  new one. ``get_many`` answers them from this process's copy when it was
  read from Redis less than ``GENERATIONS_MAX_AGE`` seconds ago (default
  0.5 s), else reads the stale ones from Redis in one round trip. So a purge
  made by another process is seen here within that bound, and one made by
  this process at once (a write updates the copy). With Redis unreachable
  the copy is used whatever its age: stored pages keep being served.
* Wagtail's site root paths (``BOUNDED_COPY``) are kept for the same bound.
* Stored pages are copied by the page cache itself (``articles.cache.copies``,
  as objects ready to send): it checks every stored page's generations
  before serving it, so a copy is never served after its generations changed
  (here: after the bound).

Everything else (stored pages in the shared store, sessions, rate limits)
always goes to Redis, where every process sees the same value. This module
imports no app of the project: the prefixes below are the contract.
"""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

from newsroom.counters import DEFAULT_BREAKER_SECONDS, Breaker, CounterRedisCache, is_counter
from newsroom.generation_copy import GenerationCopy
from newsroom.redis_client import KeptClients

logger = logging.getLogger(__name__)

# Keys that name their generation: look-ups, head meta and template fragments
# (``articles.cache.generations.generation_key``; a fragment's key is Django's
# ``template.cache.<fragment name>.<hash>``, its name starting with the prefix).
GENERATION_KEYED = "gen:"
_GENERATION_KEYED = (GENERATION_KEYED, f"template.cache.{GENERATION_KEYED}")
# The page cache's generations (``articles.cache.generations.GENERATION_PREFIX``):
# read from this process's copy while younger than ``GENERATIONS_MAX_AGE``.
GENERATIONS = "pagecache:gen:"
DEFAULT_GENERATIONS_MAX_AGE = 0.5
# Wagtail's site root paths: read for every page URL built without a request
# (each page object reads them once: ~50 Redis reads in a cold home page).
# Wagtail deletes the key when a site or a root page changes, which purges
# every page too; each process keeps a copy for the generations' bound.
BOUNDED_COPY = frozenset({"wagtail_site_root_paths"})
# How long a process keeps its copy, and how many: a bound on memory, not on
# staleness (the entries cannot go stale).
LOCAL_TIMEOUT = 600
LOCAL_MAX_ENTRIES = 1000

_MISSING = object()


def is_generation(key: Any) -> bool:
    return isinstance(key, str) and key.startswith(GENERATIONS)


_FAILED = object()


class TieredRedisCache(RedisCache):
    """Redis that degrades to a miss, with a per-process copy of the entries
    whose key names their generation and a fail-closed client for counters
    (see the module docstring)."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = KeptClients  # one redis.Redis per pool, not one per call
        self.breaker = Breaker("cache", params.get("BREAKER_SECONDS", DEFAULT_BREAKER_SECONDS))
        self.counters = CounterRedisCache(params.get("COUNTERS_LOCATION") or server, params)
        self.local = LocMemCache(
            f"newsroom-tiered-{id(self)}",
            {"TIMEOUT": LOCAL_TIMEOUT, "OPTIONS": {"MAX_ENTRIES": LOCAL_MAX_ENTRIES}},
        )
        max_age = float(params.get("GENERATIONS_MAX_AGE", DEFAULT_GENERATIONS_MAX_AGE))
        self.generations = GenerationCopy(max_age)
        self.bounded = GenerationCopy(max_age)  # BOUNDED_COPY's keys

    def _safely(self, fallback, method: Callable, *args, **kwargs):
        """``method(...)``, or ``fallback`` when Redis fails or the breaker is open."""
        if self.breaker.is_open():
            return fallback
        try:
            return method(*args, **kwargs)
        except RedisError as error:
            self.breaker.trip(error)
            return fallback

    def reachable(self) -> bool:
        return bool(self._safely(False, lambda: self._cache.get_client(write=True).ping()))

    @staticmethod
    def keeps_local(key: str) -> bool:
        return isinstance(key, str) and key.startswith(_GENERATION_KEYED)

    def _local_timeout(self, timeout) -> int:
        timeout = self.get_backend_timeout(timeout)
        return LOCAL_TIMEOUT if timeout is None else min(int(timeout), LOCAL_TIMEOUT)

    def get(self, key, default=None, version=None):
        if is_counter(key):
            return self.counters.call(self.counters.get, key, default, version)
        if is_generation(key):  # from Redis (a race between two writers is settled there)
            found = self._safely(_MISSING, super().get, key, _MISSING, version)
            local_key = self.make_key(key, version)
            if found is _MISSING:
                return self.generations.last_known([local_key]).get(local_key, default)
            self.generations.remember({local_key: found})
            return found
        if key in BOUNDED_COPY:
            return self._bounded_get(key, default, version)
        if not self.keeps_local(key):
            return self._safely(default, super().get, key, default, version)
        found = self.local.get(key, _MISSING, version)
        if found is not _MISSING:
            return found
        found = self._safely(_MISSING, super().get, key, _MISSING, version)
        if found is _MISSING:
            return default
        self.local.set(key, found, LOCAL_TIMEOUT, version)
        return found

    def _bounded_get(self, key, default, version):
        local_key, now = self.make_key(key, version), time.monotonic()
        found, _stale = self.bounded.fresh([local_key], now)
        if local_key in found:
            return found[local_key]
        found = self._safely(_FAILED, super().get, key, _MISSING, version)
        if found is _FAILED:  # Redis unreachable: the last value known here
            return self.bounded.last_known([local_key]).get(local_key, default)
        if found is _MISSING:
            self.bounded.forget([local_key])
            return default
        self.bounded.remember({local_key: found}, read_at=now)
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        if is_counter(key):
            return self.counters.call(self.counters.set, key, value, timeout, version)
        self._safely(None, super().set, key, value, timeout, version)
        if is_generation(key):
            self.generations.remember({self.make_key(key, version): value})
        if key in BOUNDED_COPY:
            self.bounded.remember({self.make_key(key, version): value})
        if self.keeps_local(key):
            self.local.set(key, value, self._local_timeout(timeout), version)
        return None

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        if is_counter(key):
            return self.counters.call(self.counters.add, key, value, timeout, version)
        added = self._safely(None, super().add, key, value, timeout, version)
        if is_generation(key) and added is not False:
            # Added, or Redis is down: this process goes on with it meanwhile.
            self.generations.remember({self.make_key(key, version): value})
        return bool(added)

    def incr(self, key, delta=1, version=None) -> int:
        if is_counter(key):
            return self.counters.call(self.counters.incr, key, delta, version)
        found = self._safely(_MISSING, super().incr, key, delta, version)
        if found is _MISSING:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return found

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        if is_counter(key):
            return self.counters.call(self.counters.touch, key, timeout, version)
        return self._safely(False, super().touch, key, timeout, version)

    def has_key(self, key, version=None) -> bool:
        if is_counter(key):
            return self.counters.call(self.counters.has_key, key, version)
        return self._safely(False, super().has_key, key, version)

    def delete(self, key, version=None) -> bool:
        if is_counter(key):
            return self.counters.call(self.counters.delete, key, version)
        self.local.delete(key, version)
        self.generations.forget([self.make_key(key, version)])
        self.bounded.forget([self.make_key(key, version)])
        return self._safely(False, super().delete, key, version)

    # Many keys at once: the page cache's generations and the feeds' rendition
    # sizes, never the counters (which are read and written one key at a time).
    def get_many(self, keys, version=None) -> dict:
        keys = list(keys)
        if keys and all(map(self.keeps_local, keys)):
            return self._get_many_kept_local(keys, version)
        if not all(map(is_generation, keys)):
            return self._safely({}, super().get_many, keys, version)
        local_keys = {self.make_key(key, version): key for key in keys}
        now = time.monotonic()
        found, stale = self.generations.fresh(list(local_keys), now)
        if stale:
            read = self._safely(None, super().get_many, [local_keys[k] for k in stale], version)
            if read is None:  # Redis unreachable: the last values known here
                found.update(self.generations.last_known(stale))
            else:
                read = {self.make_key(key, version): value for key, value in read.items()}
                self.generations.remember(read, read_at=now)
                self.generations.forget(set(stale) - set(read))
                found.update(read)
        return {local_keys[key]: value for key, value in found.items()}

    def _get_many_kept_local(self, keys: list, version) -> dict:
        """Generation-keyed entries read together (the site bundle with its
        look-ups: ``articles.cache.generations.read``): this process's copies,
        and only the keys it has none of from Redis, in one round trip."""
        found = self.local.get_many(keys, version)
        missing = [key for key in keys if key not in found]
        if missing:
            read = self._safely({}, super().get_many, missing, version)
            for key, value in read.items():
                self.local.set(key, value, LOCAL_TIMEOUT, version)
            found.update(read)
        return found

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None) -> list:
        failed = self._safely(list(data), super().set_many, data, timeout, version)
        # This process's own purges apply here at once, written or not (a
        # failed one is written again later: articles.cache.generations).
        self.generations.remember(
            {self.make_key(k, version): v for k, v in data.items() if is_generation(k)}
        )
        return failed

    def delete_many(self, keys, version=None) -> None:
        for key in keys:
            self.local.delete(key, version)
        self.generations.forget([self.make_key(key, version) for key in keys])
        self.bounded.forget([self.make_key(key, version) for key in keys])
        self._safely(None, super().delete_many, keys, version)

    def clear(self) -> None:
        self.local.clear()
        self.generations.clear()
        self.bounded.clear()
        self._safely(None, super().clear)
