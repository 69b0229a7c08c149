"""A process's copy of the page cache's generations, with a staleness bound.

``newsroom.caches.TieredRedisCache`` answers generation reads from here while
the value was read from Redis less than ``max_age`` seconds ago, so a cache
hit costs no round trip, and a purge made by another process is seen within
``max_age`` (every read after that goes back to Redis). A write by this
process (a purge) is seen here at once. When Redis is unreachable the last
value read is used whatever its age: pages keep being served from the copies.

Why a re-read bound rather than a pub/sub listener per worker: no thread to
start after gunicorn forks and to restart when its connection drops, no
message that can be lost while it reconnects, and the bound holds by
construction (docs/scaling.md has the trade-off).
"""

import time

# The most generations a process remembers (one per page, author and tag a
# reader reached); past it the copy starts again empty (reads go to Redis).
MAX_ENTRIES = 50_000


class GenerationCopy:
    def __init__(self, max_age: float) -> None:
        self.max_age = max_age
        self.values: dict[str, tuple[object, float]] = {}

    def fresh(self, keys: list[str], now: float) -> tuple[dict[str, object], list[str]]:
        """(values read less than ``max_age`` ago, the keys to read from Redis)."""
        found, stale = {}, []
        oldest = now - self.max_age
        for key in keys:
            held = self.values.get(key)
            if held is not None and held[1] > oldest:
                found[key] = held[0]
            else:
                stale.append(key)
        return found, stale

    def last_known(self, keys: list[str]) -> dict[str, object]:
        """The values last read or written, whatever their age (Redis is down)."""
        return {key: self.values[key][0] for key in keys if key in self.values}

    def remember(self, values: dict[str, object], read_at: float | None = None) -> None:
        """Values as Redis had them at ``read_at`` (default: now, for a write)."""
        if len(self.values) + len(values) > MAX_ENTRIES:
            self.values.clear()
        read_at = time.monotonic() if read_at is None else read_at
        for key, value in values.items():
            self.values[key] = (value, read_at)

    def forget(self, keys) -> None:
        for key in keys:
            self.values.pop(key, None)

    def clear(self) -> None:
        self.values.clear()
