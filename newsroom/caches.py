"""The Redis cache backend used when ``REDIS_URL`` is set.

Every Redis read is a network round trip, and a page rendered from cached
fragments reads a dozen entries. Most of them can never change under their
key, because the key names the generation they were made for
(``articles.caching``): the cached look-ups, the head meta and the reader
templates' fragments. A purge gives them new keys rather than new values. So
this backend keeps a per-process copy of those entries, read before Redis;
everything else (generations, stored pages, sessions, rate limits) always
goes to Redis, where every process sees the same value. (The page cache keeps
its own copies in the same per-process store, ``local_copy``: it checks every
stored page's generations before serving it, so a copy can never be served
stale.)
"""

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

# Keys that name their generation: look-ups and head meta (``lookups:<site
# generation>:…``, ``seo:<page>:<generations>:…``) and the fragments of our
# templates, each of whose {% cache %} tags varies on a generation.
GENERATION_KEYED_FRAGMENTS = (
    "article_main",
    "article_related",
    "author_cards",
    "home_front",
    "section_cards",
    "site_footer_links",
    "site_main_menu",
    "tag_cards",
)
GENERATION_KEYED = (
    "lookups:",
    "seo:",
    *(f"template.cache.{name}." for name in GENERATION_KEYED_FRAGMENTS),
)
# How long a process keeps its copy, and how many: a bound on memory, not on
# staleness (the entries cannot go stale).
LOCAL_TIMEOUT = 600
LOCAL_MAX_ENTRIES = 1000

_MISSING = object()


class TieredRedisCache(RedisCache):
    """Redis, with a per-process copy of the entries whose key names their
    generation (see the module docstring)."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self.local = LocMemCache(
            f"newsroom-tiered-{id(self)}",
            {"TIMEOUT": LOCAL_TIMEOUT, "OPTIONS": {"MAX_ENTRIES": LOCAL_MAX_ENTRIES}},
        )

    @staticmethod
    def keeps_local(key: str) -> bool:
        return isinstance(key, str) and key.startswith(GENERATION_KEYED)

    def _local_timeout(self, timeout) -> int:
        timeout = self.get_backend_timeout(timeout)
        return LOCAL_TIMEOUT if timeout is None else min(int(timeout), LOCAL_TIMEOUT)

    def get(self, key, default=None, version=None):
        if not self.keeps_local(key):
            return super().get(key, default, version)
        found = self.local.get(key, _MISSING, version)
        if found is not _MISSING:
            return found
        found = super().get(key, _MISSING, version)
        if found is _MISSING:
            return default
        self.local.set(key, found, LOCAL_TIMEOUT, version)
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        super().set(key, value, timeout, version)
        if self.keeps_local(key):
            self.local.set(key, value, self._local_timeout(timeout), version)

    def delete(self, key, version=None) -> bool:
        self.local.delete(key, version)
        return super().delete(key, version)

    def clear(self) -> None:
        self.local.clear()
        super().clear()


def local_copy() -> LocMemCache | None:
    """The per-process store beside the shared default cache, for callers that
    validate what they read from it (the page cache); None for a local cache."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    return backend.local if isinstance(backend, TieredRedisCache) else None
