"""Where live pages show beyond themselves: the "LIVE" box at the top of the
home page and of their section while live, the site and section feeds, the
news sitemap while they update, and the search page. Each change to an entry purges all of
these (``reading.purge_targets``)."""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from articles.cache import generations, lookups
from articles.live.models import LiveBlogPage, LiveEntry
from articles.live.reading import LIVE_SCOPE

NEWS_WINDOW = timedelta(hours=48)
SEARCH_RESULTS = 3


def public() -> QuerySet:
    """Published live pages outside any view restriction."""
    pages = LiveBlogPage.objects.live()
    private = lookups.private_q()
    return pages.exclude(private) if private is not None else pages


def under(pages: QuerySet, parent) -> QuerySet:
    return pages.filter(path__startswith=parent.path, depth__gt=parent.depth)


def with_latest_entry(pages: QuerySet) -> QuerySet:
    """Each page with its latest entry's time and title, newest page first."""
    latest = LiveEntry.objects.filter(page=OuterRef("pk")).order_by("-posted_at", "-id")
    return pages.annotate(
        latest_at=Subquery(latest.values("posted_at")[:1]),
        latest_title=Subquery(latest.values("title")[:1]),
    ).order_by("-first_published_at", "-id")


def on_now(parent) -> list:
    """Pages still live under ``parent`` (the home page or a section), newest
    first, each with its latest entry's time and title: 1 query, none when
    no page is live. The ids of the pages live now are kept until a live page
    or anything site-wide changes (``reading.LIVE_SCOPE``); when they are not
    in the cache, the one query reads every page live now and keeps their ids."""
    key = generations.generation_key("live:now", scopes=[LIVE_SCOPE])
    ids = cache.get(key)
    if ids is None:
        pages = list(with_latest_entry(public().filter(status=LiveBlogPage.Status.LIVE)))
        cache.set(key, [page.pk for page in pages], 3600)
        return [page for page in pages if is_under(page, parent)][:3]
    if not ids:
        return []
    return list(with_latest_entry(under(LiveBlogPage.objects.filter(pk__in=ids), parent))[:3])


def is_under(page, parent) -> bool:
    """``under()`` for a page in hand."""
    return page.path.startswith(parent.path) and page.depth > parent.depth


def search(terms: str, limit: int = SEARCH_RESULTS) -> list:
    """Live pages matching ``terms`` in their headline, standfirst, summary or
    any entry (``LiveBlogPage.entries_text``), for the search page: one query
    over the few live pages' index entries."""
    return list(public().search(terms, operator="and")[:limit])


def feed_pages(parent=None, limit: int = 30) -> list:
    """Live pages (live or ended) for a feed: the site's, or a section's."""
    pages = public() if parent is None else under(public(), parent)
    return list(pages.order_by("-first_published_at", "-id")[:limit])


def news_pages() -> list:
    """For the news sitemap: pages still live, or updated within 48 hours."""
    since = timezone.now() - NEWS_WINDOW
    recent = LiveEntry.objects.filter(page=OuterRef("pk"), updated_at__gte=since)
    pages = public().filter(
        Q(status=LiveBlogPage.Status.LIVE)
        | Q(first_published_at__gte=since)
        | Q(pk__in=recent.values("page"))
    )
    return list(
        pages.order_by("-first_published_at", "-id").only(
            "title", "first_published_at", "url_path", "path", "depth"
        )
    )
