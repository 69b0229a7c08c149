"""What readers get from a live page (it imports no model: the page passes
its entries' manager): pages of entries, permalinks, the poll fragment, the
cache headers, what a change purges, and its ``LiveBlogPosting`` JSON-LD.

Caching: the page and its poll fragment are stored by the page cache under
the live page's scope (``page:<id>``) like any page. Every change to an
entry purges that scope, its ancestors' (the section and the home page show
the page under a "LIVE" label), the feeds, the sitemaps and the search
pages (the entries' text is searchable), and nothing else
(``purge_targets``). While live, the page is sent with a short CDN lifetime
(``LIVE_PAGE_MAX_AGE``) and the fragment with a shorter one
(``POLL_MAX_AGE``), plus an ``ETag`` so a poller that has it gets a 304.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Max, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags

from wagtail.models import Page

from articles import json_ld, listings
from articles.cache import generations, lookups
from articles.site import absolute

ENTRIES_PER_PAGE = 20
POLL_LENGTH = 10  # entries in the poll fragment: a reader further behind reloads
# Beyond the newest entries, the fragment carries the latest edits of older
# entries and the latest deletions, the same for every reader: a script that
# shows one of them applies it (a reader away longer than that many changes
# sees the rest on reload).
POLL_EDITS = 10
POLL_DELETIONS = 20
# An entry saved this long after it was created has been edited (created_at
# and updated_at of one save differ by microseconds).
EDITED_AFTER = timedelta(seconds=1)
DELETED = "deleted"  # LiveEntryChange.Action.DELETED (this module imports no model)
POLL_INTERVAL = 20  # seconds between polls while the tab is visible (the script's default)
POLL_MAX_AGE = 5  # browsers and CDNs keep the fragment this long
LIVE_PAGE_MAX_AGE = 30  # and the page itself while it is live
JSON_LD_UPDATES = 10
# Purged with every live page's own scopes: what keys the list of pages live
# now (``distribution.on_now``), so a newsroom with none spends no query on it.
LIVE_SCOPE = "live"


def entries(page):
    """The page's entries, newest first, with their authors (one query more)."""
    return page.entries.prefetch_related("authors").order_by("-posted_at", "-id")


def newer_q(entry) -> Q:
    return Q(posted_at__gt=entry.posted_at) | Q(posted_at=entry.posted_at, pk__gt=entry.pk)


def page_number_of(page, entry) -> int:
    """The reader page (``?page=N``) that shows ``entry`` now."""
    return page.entries.filter(newer_q(entry)).count() // ENTRIES_PER_PAGE + 1


def entry_url(page, entry, number: int) -> str:
    query = f"?page={number}" if number > 1 else ""
    return f"{page.url}{query}#{entry.anchor}"


def share_url(page, entry_id: int) -> str:
    return f"{page.url}entry/{entry_id}/"


def with_share_urls(page, key_events: list) -> list:
    for event in key_events:
        event.share_url = share_url(page, event.pk)
    return key_events


def page_context(page, request: HttpRequest) -> dict:
    page_obj = listings.page_or_404(entries(page), request, ENTRIES_PER_PAGE)
    key_events = list(
        page.entries.filter(is_key_event=True)
        .order_by("-posted_at", "-id")
        .only("id", "title", "posted_at", "page_id")
    )
    with_share_urls(page, key_events)
    start = max(page_obj.start_index() - 1, 0)
    shown = entries(page).values_list("pk", flat=True)[start : start + ENTRIES_PER_PAGE]
    return {
        "page_obj": page_obj,
        "key_events": key_events,
        # Key events on this page link to their anchor, the others to their share link.
        "ids_on_page": set(shown) if key_events else set(),
        "poll_url": f"{page.url}updates/",
        "poll_interval": getattr(settings, "LIVE_POLL_INTERVAL", POLL_INTERVAL),
    }


def permalink(page, request: HttpRequest, entry_id: int) -> HttpResponse:
    """The share link of an entry: to the reader page that shows it now."""
    entry = page.entries.filter(pk=entry_id).only("pk", "posted_at").first()
    if entry is None:
        raise Http404("No such entry on this live page.")
    return HttpResponseRedirect(entry_url(page, entry, page_number_of(page, entry)))


def mark_live(page, request: HttpRequest, response, reads=(), max_age: int = LIVE_PAGE_MAX_AGE):
    response = page.mark_public(request, response, reads=reads)
    if page.is_live and generations.is_marked_public(response):
        patch_cache_control(
            response, max_age=max_age, s_maxage=max_age, stale_while_revalidate=max_age
        )
    return response


def poll_changes(page) -> dict:
    """What the poll fragment carries: the newest ``POLL_LENGTH`` entries,
    every key event (for the page's key-events list), the latest
    ``POLL_EDITS`` edited entries among the older ones and the ids of the
    latest ``POLL_DELETIONS`` deleted entries; each entry with its
    ``version``. Queries: the newest entries and the key events, in one, and
    their authors (2), the edited ones (1, and 1 for their authors if any),
    the deletions (1)."""
    newest_ids = page.entries.order_by("-posted_at", "-id").values("pk")[:POLL_LENGTH]
    # The newest entries come first: every other row (an older key event) is
    # older than all of them.
    rows = list(entries(page).filter(Q(pk__in=newest_ids) | Q(is_key_event=True)))
    newest = rows[:POLL_LENGTH]
    edited = (
        entries(page)
        .filter(updated_at__gt=F("created_at") + EDITED_AFTER)
        .exclude(pk__in=[entry.pk for entry in newest])
        .order_by("-updated_at", "-id")
    )
    deleted = page.entry_changes.filter(action=DELETED).order_by("-at", "-id")
    return {
        "entries": newest,
        "key_events": with_share_urls(page, [row for row in rows if row.is_key_event]),
        "edited": list(edited[:POLL_EDITS]),
        "deleted": list(deleted.values_list("entry_number", flat=True)[:POLL_DELETIONS]),
    }


def updates(page, request: HttpRequest) -> HttpResponse:
    """The poll fragment: the newest entries, the key-events list, recent
    edits and deletions and the status, the same for every reader (the
    script keeps the entries it lacks, applies the edits and deletions to
    those it shows and replaces its key-events list)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    html = render_to_string(
        "articles/live/updates.html",
        {"page": page, "request": request, **poll_changes(page)},
    )
    etag = '"' + hashlib.sha256(html.encode()).hexdigest()[:32] + '"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["ETag"] = etag
    response["X-Robots-Tag"] = "noindex"
    return mark_live(page, request, response, max_age=POLL_MAX_AGE)


def latest_change(page):
    return page.entries.aggregate(latest=Max("updated_at"))["latest"]


def purge_targets(page) -> tuple[set[str], list[str]]:
    """The scopes showing ``page`` (itself and its poll fragment, its section
    and the home page, the feeds, sitemaps and search pages) and the same as URL paths for
    a CDN. The ancestors come from the cache (moving a page purges it)."""
    scopes = {generations.page_scope(page.pk), generations.FEEDS, generations.SITEMAPS}
    scopes |= {LIVE_SCOPE, generations.SEARCH}
    parents = lookups.cached(f"live:ancestors:{page.pk}:{page.path}", lambda: _ancestors(page))
    scopes |= {generations.page_scope(pk) for pk, _ in parents}
    paths = [page.url, f"{page.url}updates/", "/", reverse("articles:feed")]
    paths.append(reverse("articles:news_sitemap"))
    for _, url in parents:
        if url:  # a section: its listing and its feed
            paths += [url, f"{url}feed/"]
    return scopes, paths


def _ancestors(page) -> list[tuple[int, str]]:
    """(pk, listing URL of a section or "") of each of the page's ancestors."""
    step = Page.steplen
    paths = [page.path[:end] for end in range(step, len(page.path), step)]
    parents = Page.objects.filter(path__in=paths).only("pk", "url_path", "depth", "path")
    return [(p.pk, (p.url or "") if p.depth > 2 else "") for p in parents]


def entry_text(entry) -> str:
    """The entry's words as plain text (for JSON-LD and feeds)."""
    parts = []
    for child in entry.body.raw_data:
        value = child.get("value")
        if child["type"] == "paragraph":
            parts.append(strip_tags(value))
        elif child["type"] == "quote":
            parts.append(strip_tags(value.get("text", "")))
        elif child["type"] in ("image", "embed") and value.get("caption"):
            parts.append(value["caption"])
    return " ".join(part.strip() for part in parts if part.strip())


def entries_text(page) -> str:
    """Every entry's title and words, newest first (the page's search text)."""
    rows = page.entries.order_by("-posted_at", "-id")
    return "\n".join(" ".join(filter(None, [e.title, entry_text(e)])) for e in rows)


def live_blog_posting(page, request: HttpRequest, logo, modified) -> dict:
    """schema.org ``LiveBlogPosting`` with the newest entries as ``liveBlogUpdate``."""
    url = page.get_full_url(request)
    updates_list = []
    for entry in entries(page)[:JSON_LD_UPDATES]:
        update = {
            "@type": "BlogPosting",
            "headline": (entry.title or entry_text(entry) or page.title)[:110],
            "datePublished": entry.posted_at.isoformat(),
            "dateModified": entry.updated_at.isoformat(),
            "url": f"{url}#{entry.anchor}",
            "articleBody": entry_text(entry),
        }
        authors = [
            {"@type": "Person", "name": a.name, "url": absolute(request, a.get_absolute_url())}
            for a in entry.authors.all()
        ]
        if authors:
            update["author"] = authors
        updates_list.append(update)
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": page.title,
        "description": page.search_description or page.standfirst,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": _iso(page.first_published_at),
        "dateModified": _iso(modified),
        "coverageStartTime": _iso(page.first_published_at),
        "coverageEndTime": _iso(page.ended_at) if not page.is_live else None,
        "isAccessibleForFree": True,
        "publisher": json_ld.organization(request, logo),
        "liveBlogUpdate": updates_list,
    }
    return {key: value for key, value in data.items() if value is not None}


def _iso(value) -> str | None:
    return value.isoformat() if value else None
