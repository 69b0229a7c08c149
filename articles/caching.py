"""The full-page cache for anonymous readers: what may be stored, and purging.

Reader views mark their responses public with ``mark_public(response, *scopes)``
(``Cache-Control: public, max-age, s-maxage, stale-while-revalidate`` for a CDN)
and name the *scopes* the page depends on: ``page:<id>`` for a Wagtail page,
``author:<id>``, ``tag:<id>``, ``feeds``, ``sitemaps``, ``search``; every page
also depends on ``site`` (menus, site settings, section names). The middleware
in ``newsroom/pagecache.py`` stores such responses in Django's cache, with the
current *generation* of each scope, and serves them to anonymous readers until
a generation changes. Purging a scope is writing a new generation: every
stored page that depends on it is then a miss, whatever its URL or page number.

What a change purges (signal handlers below, connected in ``ArticlesConfig``):

* publishing an article: the article, its section (every page of it, its feed),
  the home page, its authors' and tags' pages and feeds (before and after the
  edit), the site feed, the sitemaps and search;
* unpublishing, moving or deleting any page, publishing any other page, saving
  an author, the site settings or a view restriction (a page's or a
  collection's): everything (``purge_all``), in every process at once (the
  generations live in the shared cache, which production requires),
  so a withdrawn article never lingers in a "Related" box or a menu;
* other apps call ``purge_all()`` or ``purge_pages(pages)`` (e.g. when a
  membership appeal shown on every page changes).

With a CDN configured (``FRONTEND_CACHE``), the same events purge the URLs of
the page and of the listings that show it through Wagtail's front-end cache app.

Rendered pages (signed-in readers, the first reader after a purge) are built
from cached template fragments keyed by the same generations
(``fragment_generation``): an article's text, each page of cards, "Related",
the head meta. A purge that drops a stored page drops its fragments with it.
"""

import logging
import re
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponseBase
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

SITE = "site"
FEEDS = "feeds"
SITEMAPS = "sitemaps"
SEARCH = "search"
ARTICLES = "articles"  # any article's card: fragment caches of card lists

GENERATION_PREFIX = "pagecache:gen:"

# The query string keys a stored page, so it is reduced first (newsroom/pagecache.py):
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
}


def is_tracking(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


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


@contextmanager
def request_generations() -> Iterator[None]:
    """Remember generations for the duration of one request (the page cache
    middleware wraps every request in it)."""
    token = _request_generations.set({})
    try:
        yield
    finally:
        _request_generations.reset(token)


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
    _purge_now_and_after_commit({SITE})
    _purge_frontend_cache(["/"], everything=True)


def purge_pages(pages: Iterable) -> None:
    """Purge these pages and every listing that shows them (public API)."""
    for page in pages:
        page = getattr(page, "specific", page)
        if _is_article(page):
            scopes = article_scopes(page)
            _purge_now_and_after_commit(scopes)
            if _cdn_configured():  # listing_urls runs queries only a CDN needs
                _purge_frontend_cache(listing_urls(page))
        else:
            purge_all()
            return


def _purge_now_and_after_commit(scopes: set[str]) -> None:
    # Now, so the editor's next request already sees the change, and again once
    # the transaction commits, so a reader's render between the two (still
    # seeing the old rows) is not kept.
    purge(*scopes)
    transaction.on_commit(lambda: purge(*scopes))


# What an article change touches --------------------------------------------------


def _is_article(page) -> bool:
    from articles.models import ArticlePage

    return isinstance(page, ArticlePage)


def article_scopes(article) -> set[str]:
    """Scopes showing ``article``: itself, its ancestors (section, home), its
    authors and tags as stored now, the feeds, sitemaps and search."""
    from wagtail.models import Page

    from articles.models import ArticleByline, ArticlePageTag

    scopes = {page_scope(article.pk), FEEDS, SITEMAPS, SEARCH, ARTICLES}
    step = Page.steplen
    ancestor_paths = [article.path[:end] for end in range(step, len(article.path), step)]
    scopes |= {
        page_scope(pk)
        for pk in Page.objects.filter(path__in=ancestor_paths).values_list("pk", flat=True)
    }
    scopes |= {
        author_scope(pk)
        for pk in ArticleByline.objects.filter(page_id=article.pk).values_list(
            "author_id", flat=True
        )
    }
    scopes |= {
        tag_scope(pk)
        for pk in ArticlePageTag.objects.filter(content_object_id=article.pk).values_list(
            "tag_id", flat=True
        )
    }
    return scopes


def listing_urls(article) -> list[str]:
    """Paths of the listings and feeds showing ``article`` (for a CDN purge)."""
    from django.urls import reverse

    from articles import sitemaps
    from articles.models import ArticleByline

    urls = ["/", reverse("articles:feed"), reverse("articles:news_sitemap")]
    urls += sitemaps.purge_paths(article)
    section = article.get_parent()
    if section is not None and section.url:
        urls += [section.url, f"{section.url}feed/"]
    for author in ArticleByline.objects.filter(page_id=article.pk).select_related("author"):
        url = author.author.get_absolute_url()
        urls += [url, f"{url}feed/"]
    for tag in article.tags.all():
        url = reverse("articles:tag", args=[tag.slug])
        urls += [url, f"{url}feed/"]
    return urls


def _cdn_configured() -> bool:
    return apps.is_installed("wagtail.contrib.frontend_cache")


def _purge_frontend_cache(paths: list[str], everything: bool = False) -> None:
    """CDN purge of these paths, only when a CDN is configured (FRONTEND_CACHE).

    A CDN cannot purge "everything under /" by URL here; ``everything`` purges
    the home page and relies on the short ``s-maxage`` for the rest."""
    if not _cdn_configured():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
    from wagtail.models import Site

    roots = [site.root_url for site in Site.objects.all()]
    try:
        purge_urls_from_cache([root + path for root in roots for path in paths])
    except Exception:  # a CDN outage must never fail a publish
        logger.exception("Front-end cache purge failed")


# Signal handlers -----------------------------------------------------------------


def on_article_pre_save(sender, instance, update_fields=None, **kwargs) -> None:
    """Before an article is saved in full (publishing), purge the listings of
    its *stored* state: an author or tag removed by this edit stops listing it."""
    if instance.pk is None or update_fields is not None or not instance.live:
        return
    _purge_now_and_after_commit(article_scopes(instance))


def on_page_published(sender, instance, **kwargs) -> None:
    from articles import renditions

    purge_pages([instance])
    if _is_article(instance):
        renditions.warm_after_commit(instance)  # no reader waits for its card images


def on_page_removed(sender, instance, **kwargs) -> None:
    """Unpublished, moved or deleted: everything, so no card or menu keeps it."""
    purge_all()


def on_page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page) and getattr(instance, "live", False):
        purge_all()


def on_site_wide_change(sender, instance=None, created=False, raw=False, **kwargs) -> None:
    from articles.models import SiteSettings

    # The first request of a site creates its empty settings row: nothing shown changes.
    if raw or (created and sender is SiteSettings):
        return
    purge_all()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

    from wagtail.models import CollectionViewRestriction, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from articles.models import ArticlePage, Author, SiteSettings

    uid = "articles.caching"
    pre_save.connect(on_article_pre_save, sender=ArticlePage, dispatch_uid=f"{uid}.pre_save")
    page_published.connect(on_page_published, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(on_page_removed, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(on_page_removed, dispatch_uid=f"{uid}.moved")
    pre_delete.connect(on_page_deleted, dispatch_uid=f"{uid}.deleted")
    for model in (Author, SiteSettings, Site, PageViewRestriction, CollectionViewRestriction):
        post_save.connect(on_site_wide_change, sender=model, dispatch_uid=f"{uid}.save.{model}")
        post_delete.connect(on_site_wide_change, sender=model, dispatch_uid=f"{uid}.del.{model}")
