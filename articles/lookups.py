"""Per-request look-ups that every reader page repeats, kept in the cache.

Each page needs the Wagtail ``Site`` for its host, the editor-managed
``SiteSettings`` and the pages behind a view restriction; they change only when
an editor saves a site, the settings or a privacy setting, each of which
purges the whole page cache (``articles.caching``). So they are stored under
the page cache's ``site`` generation and read from the cache: no query for
them on a rendered page.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest, HttpResponseBase

from articles import caching

TIMEOUT = 60 * 60


def _site_generation() -> str:
    return caching.generations([caching.SITE])[caching.SITE]


def cached(name: str, compute: Callable[[], object]) -> object:
    """``compute()``, kept until the site-wide generation changes."""
    key = f"lookups:{_site_generation()}:{name}"
    found = cache.get(key)
    if found is None:
        found = (compute(),)  # a tuple, so None is remembered too
        cache.set(key, found, TIMEOUT)
    return found[0]


def live_sections() -> dict[str, object]:
    """The live sections by tree path, in tree order, as specific pages (each
    call gets its own copies): one query, kept until anything site-wide
    changes (publishing, unpublishing, moving or deleting a section purges
    everything). Cards show them; routing goes through them."""
    from articles.models import SectionPage

    def compute() -> dict[str, object]:
        return {s.path: s for s in SectionPage.objects.live().order_by("path")}

    return cached("live-sections", compute)


def live_sections_by_slug(home) -> dict[str, object]:
    """The live sections under ``home`` by slug (from ``live_sections``)."""
    return {
        section.slug: section
        for path, section in live_sections().items()
        if path[: -section.steplen] == home.path
    }


def restricted_paths() -> list[tuple[int, str]]:
    """(restriction id, page path) of every page view restriction."""
    from wagtail.models import PageViewRestriction

    key = f"lookups:restrictions:{_site_generation()}"
    found = cache.get(key)
    if found is None:
        found = list(PageViewRestriction.objects.values_list("pk", "page__path"))
        cache.set(key, found, TIMEOUT)
    return found


def restrictions_for(page):
    """``page.get_view_restrictions()`` from the cached list: a queryset that
    runs no query when nothing restricts the page (the usual case)."""
    from wagtail.models import PageViewRestriction

    ids = [pk for pk, path in restricted_paths() if page.path.startswith(path)]
    if not ids:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(pk__in=ids)


def private_q() -> Q | None:
    """Pages in a restricted part of the tree (``PageQuerySet.private_q``)."""
    q = Q()
    for _, path in restricted_paths():
        q |= Q(path__startswith=path)
    return q or None


def attach_site(request: HttpRequest) -> None:
    """Set the request's Wagtail Site and SiteSettings from the cache."""
    from wagtail.models import Site

    from articles.models import SiteSettings

    host = request._get_raw_host()
    key = f"lookups:site:{_site_generation()}:{host}:{request.get_port()}"
    found = cache.get(key)
    if found is None:
        site = Site._find_for_request(request)
        if site is not None:
            # Wagtail routes every request from the root page's specific page:
            # loaded here, it is stored with the site and costs no query.
            site.root_page.localized.specific  # noqa: B018 - loads and keeps it
        site_settings = SiteSettings.for_site(site) if site else None
        found = (site, site_settings)
        cache.set(key, found, TIMEOUT)
    site, site_settings = found
    request._wagtail_site = site
    if site_settings is not None:
        site_settings._request = request
        setattr(request, SiteSettings.get_cache_attr_name(), site_settings)


class SiteLookupMiddleware:
    """Runs ``attach_site`` before every view of the site, except the project's
    wiring views (health checks must never touch the database)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        module = getattr(view_func, "__module__", "") or type(view_func).__module__
        if not module.startswith("newsroom."):
            attach_site(request)
