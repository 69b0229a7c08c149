"""What keys a stored page: scheme, host, path and the reduced query string.

The middleware (``articles.cache.middleware``) looks pages up and stores them
under ``entry_key``; the query string is first reduced by ``cache_query``.
"""

import hashlib
import re
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils.encoding import escape_uri_path

ENTRY_PREFIX = "pagecache:page:"

# The query string keys a stored page, so it is reduced first (``cache_query``):
# tracking parameters, which no view reads, are dropped; each other parameter
# must be one a reader view reads, written as that view accepts it (``page=01``
# is not cached beside ``page=1``), and a stored page must come from a view
# that declared it (``mark_public(..., reads=...)``). Anything else is rendered
# and never stored: one stored page per URL a view can actually tell apart.
TRACKING_PARAMETERS = frozenset(
    {
        "_ga", "_gl", "_hsenc", "_hsmi", "dclid", "fbclid", "gbraid", "gclid",
        "gclsrc", "igshid", "mc_cid", "mc_eid", "mkt_tok", "msclkid", "ref_src",
        "s_cid", "twclid", "wbraid", "yclid",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_",)
QUERY_PARAMETERS = {
    "page": re.compile(r"[1-9][0-9]{0,5}"),  # listings and search (articles.listings)
    "p": re.compile(r"[1-9][0-9]{0,5}"),  # sitemap pages (articles.sitemaps)
    "q": re.compile(r"[^\x00-\x1f]{1,200}"),  # search (articles.views.search)
    "currency": re.compile(r"[a-z]{3}"),  # the join page's currency switcher (membership)
    "sort": re.compile(r"relevance|newest"),  # search (articles.search_terms.SORTS)
}


def is_tracking(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def cache_query(request: HttpRequest) -> dict[str, str] | None:
    """The query parameters that key the page: tracking ones dropped, each
    other one given once in a form a reader view accepts; None if any is not
    (the request then bypasses the cache)."""
    kept = {}
    if not request.META.get("QUERY_STRING"):  # most requests: no need to parse it
        return kept
    for name, values in request.GET.lists():
        if is_tracking(name):
            continue
        pattern = QUERY_PARAMETERS.get(name)
        if pattern is None or len(values) != 1 or not pattern.fullmatch(values[0]):
            return None
        kept[name] = values[0]
    return kept


def entry_key(request: HttpRequest, query: dict[str, str] | None = None) -> str:
    """The key of the stored page. A middleware before the page cache may name
    a *variant* of the URL (``request.page_cache_variant``, e.g. the join
    page's currency group, from a CDN country header): one copy is stored
    per variant, never per raw header value."""
    query = cache_query(request) if query is None else query
    url = f"{request.scheme}://{request.get_host()}{escape_uri_path(request.path)}"
    if query:
        url += "?" + urlencode(sorted(query.items()))
    variant = getattr(request, "page_cache_variant", "")
    if variant:
        url += "#" + variant
    return ENTRY_PREFIX + hashlib.sha256(url.encode()).hexdigest()
