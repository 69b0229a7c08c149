"""Generations and scopes: the bottom of the page cache (imports no models).

Reader views mark their responses public with ``mark_public(response, *scopes)``
(``Cache-Control: public, max-age, s-maxage, stale-while-revalidate`` for a CDN)
and name the *scopes* the page depends on: ``page:<id>`` for a Wagtail page,
``author:<id>``, ``tag:<id>``, ``feeds``, ``sitemaps``, ``search``; every page
also depends on ``site`` (menus, site settings, section names). The middleware
(``articles.cache.middleware``) stores such responses in Django's cache, with
the current *generation* of each scope, and serves them to anonymous readers
until a generation changes. Purging a scope is writing a new generation: every
stored page that depends on it is then a miss, whatever its URL or page number.

Public API for the rest of the project: ``mark_public``, ``purge``,
``purge_all`` (re-exported by ``articles.cache``). What a change purges (an
article's scopes, signal handlers) sits on top, in ``articles.cache.purging``.

Rendered pages (signed-in readers, the first reader after a purge) are built
from cached template fragments and look-ups keyed by the same generations
(``fragment_generation``, ``generation_key``): an article's text, each page of
cards, "Related", the head meta. A purge that drops a stored page drops them
with it. Every such entry's key starts with ``GENERATION_KEYED`` (a fragment's
name too, e.g. ``{% wagtailcache 600 gen:home_front … %}``), which is how the
Redis backend knows it can never go stale under its key.
"""

import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponseBase
from django.utils.cache import patch_cache_control

from articles.cache import cdn

SITE = "site"
FEEDS = "feeds"
SITEMAPS = "sitemaps"
SEARCH = "search"
ARTICLES = "articles"  # any article's card: fragment caches of card lists

GENERATION_PREFIX = "pagecache:gen:"
# Entries whose key names the generation they were made for (look-ups, head
# meta, template fragments): ``generation_key`` builds them.
GENERATION_KEYED = "gen:"


def page_scope(page_id: int) -> str:
    return f"page:{page_id}"


def author_scope(author_id: int) -> str:
    return f"author:{author_id}"


def tag_scope(tag_id: int) -> str:
    return f"tag:{tag_id}"


# Marking responses -------------------------------------------------------------


def mark_public(
    response: HttpResponseBase, *scopes: str, reads: Iterable[str] = ()
) -> HttpResponseBase:
    """Declare a reader response the same for every anonymous reader.

    Sets CDN-friendly ``Cache-Control`` and lets the page cache store it (for
    anonymous requests only; signed-in readers get ``private``). ``reads``
    names the query parameters (``QUERY_PARAMETERS``) the view reads: a
    request carrying any other is not stored."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_MAX_AGE,
        s_maxage=settings.PAGE_CACHE_S_MAXAGE,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
    )
    response.page_cache_scopes = (SITE, *scopes)
    response.page_cache_reads = frozenset(reads)
    return response


def is_marked_public(response: HttpResponseBase) -> bool:
    return getattr(response, "page_cache_scopes", None) is not None


def reads(response: HttpResponseBase) -> frozenset[str]:
    """The query parameters the view of a marked response declared it reads."""
    return getattr(response, "page_cache_reads", frozenset())


# Generations -------------------------------------------------------------------


def _new_generation() -> str:
    # Random rather than a counter: a generation evicted from the cache and
    # created again can never match a page stored under the old one.
    return secrets.token_hex(6)


# The generations one request has read: a request reads each scope once (one
# cache round trip instead of one per fragment and look-up), and a page stored
# at the end of a request is stored under the generations it was rendered
# with, so a purge by another process mid-render cannot leave it current.
_request_generations: ContextVar[dict[str, str] | None] = ContextVar(
    "request_generations", default=None
)


# The generation-keyed entries (look-ups, the site bundle) one request has
# read: a value never changes under its key, so each key is read from the
# cache at most once a request, and the keys known up front in one get_many.
_request_reads: ContextVar[dict[str, object] | None] = ContextVar("request_reads", default=None)
_MISSING = object()


@contextmanager
def request_generations() -> Iterator[None]:
    """Remember generations, and the generation-keyed entries read, for the
    duration of one request (the page cache middleware wraps every render in it)."""
    token = _request_generations.set({})
    reads = _request_reads.set({})
    try:
        yield
    finally:
        _request_reads.reset(reads)
        _request_generations.reset(token)


def read(keys: list[str]) -> dict[str, object]:
    """The cached values of these generation-keyed keys (those found), in one
    ``get_many``; within a request, each key is read once and its value (or
    its absence) remembered until the request ends."""
    memo = _request_reads.get()
    if memo is None:
        return cache.get_many(keys)
    unread = [key for key in keys if key not in memo]
    if unread:
        found = cache.get_many(unread)
        memo.update({key: found.get(key, _MISSING) for key in unread})
    return {key: memo[key] for key in keys if memo[key] is not _MISSING}


def remember(values: dict[str, object]) -> None:
    """Values just stored under generation-keyed keys, remembered for the rest
    of the request as if ``read`` had found them."""
    memo = _request_reads.get()
    if memo is not None:
        memo.update(values)


def generations(scopes: Iterable[str]) -> dict[str, str]:
    """The current generation of each scope, creating missing ones (within a
    request: as the request first read it, or as it purged it)."""
    scopes = list(scopes)
    memo = _request_generations.get()
    if memo is None:
        return _read_generations(scopes)
    unread = [scope for scope in scopes if scope not in memo]
    if unread:
        memo.update(_read_generations(unread))
    return {scope: memo[scope] for scope in scopes}


def _read_generations(scopes: list[str]) -> dict[str, str]:
    _retry_unsaved_purges()
    keys = {GENERATION_PREFIX + scope: scope for scope in scopes}
    found = cache.get_many(list(keys))
    missing = {key: _new_generation() for key in keys if key not in found}
    if missing:
        for key, value in missing.items():
            if not cache.add(key, value, timeout=None):
                value = cache.get(key, value)
            found[key] = value
    return {keys[key]: value for key, value in found.items()}


def fragment_generation(*scopes: str) -> str:
    """Key part for a cached template fragment that shows what ``scopes``
    (and anything site-wide) show: it changes whenever one of them is purged,
    exactly when a stored page showing the same would stop being served."""
    found = generations([SITE, *scopes])
    return "-".join(found[scope] for scope in (SITE, *scopes))


def generation_key(*parts: object, scopes: Iterable[str] = ()) -> str:
    """A cache key for something shown on pages depending on ``scopes`` (and
    anything site-wide): a purge of one of them gives it a new key."""
    return ":".join([GENERATION_KEYED.rstrip(":"), fragment_generation(*scopes), *map(str, parts)])


def cards_generation() -> str:
    """Key part for cached fragments that list article cards: changes whenever
    any article or anything site-wide changes."""
    return fragment_generation(ARTICLES)


def current(scopes: Iterable[str]) -> dict[str, str | None]:
    """The current generations, without creating any (a missing one is None)."""
    _retry_unsaved_purges()
    keys = {GENERATION_PREFIX + scope: scope for scope in scopes}
    found = cache.get_many(list(keys))
    return {scope: found.get(key) for key, scope in keys.items()}


# Purges this process could not write (the cache was unreachable: a failed
# write is dropped, newsroom/caches.py). Each is written again, as a new
# generation, before this process next reads one, so a publish or a new view
# restriction made during a Redis outage takes effect as soon as it is back
# rather than after the stored pages and look-ups expire.
_unsaved_purges: set[str] = set()


def _write_generations(new: dict[str, str]) -> None:
    failed = cache.set_many(
        {GENERATION_PREFIX + s: value for s, value in new.items()}, timeout=None
    )
    if failed:
        _unsaved_purges.update(new)
    else:
        _unsaved_purges.difference_update(new)


def _retry_unsaved_purges() -> None:
    if _unsaved_purges:
        _write_generations({scope: _new_generation() for scope in set(_unsaved_purges)})


def purge(*scopes: str) -> None:
    """Every stored page depending on one of ``scopes`` becomes a miss."""
    if scopes:
        new = {scope: _new_generation() for scope in scopes}
        _write_generations(new)
        memo = _request_generations.get()
        if memo is not None:
            memo.update(new)


def purge_all() -> None:
    """Forget every cached page (public API for other apps)."""
    purge_now_and_after_commit({SITE})
    cdn.purge_everything()


def purge_now_and_after_commit(scopes: set[str]) -> None:
    # Now, so the editor's next request already sees the change, and again once
    # the transaction commits, so a reader's render between the two (still
    # seeing the old rows) is not kept.
    purge(*scopes)
    transaction.on_commit(lambda: purge(*scopes))
