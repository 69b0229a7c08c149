"""Full-page cache for anonymous readers (what to store: ``articles.cache.generations``).

Placed right after WhiteNoise and the header middlewares, so a hit skips
sessions, CSRF, authentication, messages and the view, yet still gets the
security headers, a fresh Content-Security-Policy and the request id.

* Served from the cache: GET and HEAD requests without the signed-in marker
  (``articles.cache.signed_in``) or a messages cookie, when ``PAGE_CACHE`` is
  on. A ``sessionid`` alone does not count.
* Keyed by scheme, host, path and the query string reduced to what a reader
  view reads (``articles.cache.keys``):
  tracking parameters (``utm_*``, ``fbclid``…) are dropped, so every campaign
  link shares one stored page, and a request with any other parameter is
  neither served from nor stored in the cache, so made-up parameters cannot
  fill it.
* Stored: the GET response to such a request when the request had no session
  cookie either, the view declared every parameter left in the key, it is
  200, marked public by a reader view (``articles.cache.mark_public``), sets
  no cookie, used no CSRF token and was not rendered for a signed-in user.
* A response marked public that is not stored for one of those reasons (a
  signed-in reader, a cookie) leaves with ``Cache-Control: private`` instead,
  so no CDN or browser shares it; any response to a signed-in request without
  its own ``Cache-Control`` gets ``private`` as well.

The CSP nonce: a stored page keeps a placeholder where its nonce was; each hit
gets a new nonce, put both in the HTML and (by the CSP middleware) the header.

Each process keeps a copy of the pages it stored or served
(``articles.cache.copies``): a stored page is valid exactly while its
generations are current, which every hit checks anyway, so a hit on the copy
reads no stored page from the shared cache, and with the Redis backend's copy
of the generations (``newsroom.caches``) sends Redis nothing at all.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from articles.cache import generations
from articles.cache.copies import PageCopies, PageCopy, expires_in
from articles.cache.keys import cache_query, entry_key
from articles.cache.signed_in import (
    has_session,
    is_anonymous_request,
    is_signed_in,
    sync_signed_in_marker,
)

NONCE_PLACEHOLDER = b"\x00newsroom-csp-nonce\x00"
STATUS_HEADER = "X-Page-Cache"
# Headers a stored page keeps; the outer middlewares add the rest on every hit.
SKIPPED_HEADERS = {"content-length", "set-cookie", "x-page-cache"}
# This process's copies of stored pages (see above).
copies = PageCopies()


def storable(request: HttpRequest, response: HttpResponseBase, query: dict[str, str]) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and generations.is_marked_public(response)
        and set(query) <= generations.reads(response)
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not is_signed_in(request)
    )


def needs_private(request: HttpRequest, response: HttpResponseBase) -> bool:
    """A response for a signed-in reader that says nothing about generations."""
    return is_signed_in(request) and not response.has_header("Cache-Control")


def make_private(response: HttpResponseBase) -> None:
    response.headers["Cache-Control"] = "private, no-cache"


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not settings.PAGE_CACHE:
            with generations.request_generations():
                return self._without_cache(request)
        query = cache_query(request)
        anonymous = is_anonymous_request(request) and query is not None
        key = entry_key(request, query) if anonymous else ""
        if anonymous:
            hit = self.lookup(request, key)  # reads the generations, remembers none
            if hit is not None:
                return hit
        with generations.request_generations():
            return self._render(request, anonymous, query, key)

    def _render(
        self, request: HttpRequest, anonymous: bool, query: dict[str, str] | None, key: str
    ) -> HttpResponseBase:
        response = self.get_response(request)
        sync_signed_in_marker(request, response)
        if anonymous and not has_session(request) and storable(request, response, query):
            self.store(request, key, response)
            response[STATUS_HEADER] = "miss"
        elif generations.is_marked_public(response) or needs_private(request, response):
            make_private(response)
        return response

    def _without_cache(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        sync_signed_in_marker(request, response)
        if generations.is_marked_public(response) and (
            is_signed_in(request)
            or response.cookies
            or has_session(request)
            or not is_anonymous_request(request)
        ):
            make_private(response)
        return response

    def lookup(self, request: HttpRequest, key: str) -> HttpResponse | None:
        page = self._current_copy(key)
        if page is None:
            return None
        # A fresh nonce for each hit, also sent in the CSP header.
        content = page.content(str(request.csp_nonce) if page.has_nonce else None)
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=page.status)
        for name, value in page.headers:
            response.headers[name] = value
        response.headers["Content-Length"] = str(len(content))
        response[STATUS_HEADER] = "hit"
        return response

    @staticmethod
    def _current_copy(key: str) -> PageCopy | None:
        """The stored page under ``key`` if its generations are all current:
        this process's copy when it has a current one, else the shared cache's."""
        page = copies.get(key)
        if page is not None and generations.current(page.versions) == page.versions:
            return page
        entry = cache.get(key)
        if entry is None or generations.current(entry[0]) != entry[0]:
            return None
        page = _copy(entry)
        copies.put(key, page)
        return page

    def store(self, request: HttpRequest, key: str, response: HttpResponseBase) -> None:
        content = response.content
        nonce = getattr(request, "_csp_nonce", None)
        has_nonce = isinstance(nonce, str) and nonce.encode() in content
        if has_nonce:
            content = content.replace(nonce.encode(), NONCE_PLACEHOLDER)
        versions = generations.generations(response.page_cache_scopes)
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in SKIPPED_HEADERS
        ]
        entry = (versions, response.status_code, headers, content, has_nonce)
        cache.set(key, entry, timeout=settings.PAGE_CACHE_TIMEOUT)
        copies.put(key, _copy(entry))


def _copy(entry: tuple) -> PageCopy:
    """This process's copy of a stored page (the shared cache's tuple)."""
    versions, status, headers, content, has_nonce = entry
    placeholder = NONCE_PLACEHOLDER if has_nonce else None
    return PageCopy(
        versions, status, headers, content, placeholder, expires_in(settings.PAGE_CACHE_TIMEOUT)
    )
