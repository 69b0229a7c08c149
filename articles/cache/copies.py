"""This process's copies of the pages it stored or served, ready to send.

The page cache (``articles.cache.middleware``) serves a hit from here when the
process has the page and the page's generations are still current, which
every hit checks, so a copy is never served after a purge has been seen here
(by another process's purge: within ``REDIS_GENERATIONS_MAX_AGE``). Else it
reads the shared store and keeps what it read.

A copy is kept as Python objects, not pickled as a cache backend keeps its
values (unpickling a 70 KB home page on every hit), and its body is split
where the CSP nonce goes, so a hit joins the parts around a fresh nonce
instead of searching the whole page for a placeholder (the search cost more
than the rest of a hit of the home page).

Bounded by total size (``MAX_BYTES``): when a new copy would pass it, the
oldest copies go first; a page whose copy went is read from the shared store
again on its next hit.
"""

import threading
import time

# Per process: a few hundred pages (the home page is ~70 KB, an article ~20 KB).
MAX_BYTES = 32 * 1024 * 1024


class PageCopy:
    """A stored page: the generations it was rendered under, its status and
    headers, its body in parts around the nonce, and when it expires."""

    __slots__ = ("expires", "headers", "parts", "size", "status", "versions")

    def __init__(
        self,
        versions: dict[str, str],
        status: int,
        headers: list[tuple[str, str]],
        content: bytes,
        placeholder: bytes | None,
        expires: float,
    ) -> None:
        self.versions = versions
        self.status = status
        self.headers = tuple(headers)
        self.parts = tuple(content.split(placeholder)) if placeholder else (content,)
        self.size = len(content)
        self.expires = expires

    def content(self, nonce: str | None) -> bytes:
        """The body, with ``nonce`` where the page had its nonce."""
        if len(self.parts) == 1:
            return self.parts[0]
        return nonce.encode().join(self.parts)

    @property
    def has_nonce(self) -> bool:
        return len(self.parts) > 1


class PageCopies:
    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.copies: dict[str, PageCopy] = {}
        self.size = 0
        self._lock = threading.Lock()  # writers only; a read is one dict look-up

    def get(self, key: str) -> PageCopy | None:
        found = self.copies.get(key)
        if found is None or found.expires < time.monotonic():
            return None
        return found

    def put(self, key: str, copy: PageCopy) -> None:
        if copy.size > self.max_bytes:
            return
        with self._lock:
            self._drop(key)
            while self.copies and self.size + copy.size > self.max_bytes:
                self._drop(next(iter(self.copies)))
            self.copies[key] = copy
            self.size += copy.size

    def _drop(self, key: str) -> None:
        old = self.copies.pop(key, None)
        if old is not None:
            self.size -= old.size

    def clear(self) -> None:
        with self._lock:
            self.copies.clear()
            self.size = 0


def expires_in(seconds: float) -> float:
    return time.monotonic() + seconds
