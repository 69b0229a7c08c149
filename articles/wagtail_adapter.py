"""Every place the project leans on Wagtail's (or Django's) private API.

Wagtail caches a request's ``Site``, ``SiteSettings`` and site root paths on
the request, and treebeard a page's parent on the page; the look-ups fill
those caches from the project's cache (``articles.site``, which also picks
the request's site as Wagtail would, from the sites it loaded in one query)
and the routing from pages it already holds (``articles.models.pages``),
which saves queries on every rendered page. None of the names below is
public API, so they are touched here only, and
``tests/articles/test_wagtail_adapter.py`` fails loudly if an upgrade renames
or stops reading one of them, or picks another site than ``match_site``.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from wagtail.models import Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)

from articles.slugs import cap_slug


def raw_host(request: HttpRequest) -> str:
    """The Host header as Wagtail matches it against sites (port included)."""
    return request._get_raw_host()


def match_site(sites: list[Site], hostname: str, port) -> Site | None:
    """The site among ``sites`` that Wagtail's ``Site.find_for_request`` picks
    for ``hostname`` and ``port``, decided in Python from sites already loaded
    (Wagtail's ``get_site_for_hostname`` asks the database each time): the
    exact host and port, else the host if it is the default site, else the
    default site unless exactly one other site has the host, else None."""
    try:
        port = int(port)
    except (TypeError, ValueError):
        port = None

    def rank(site: Site) -> int:
        if site.hostname == hostname and site.port == port:
            return MATCH_HOSTNAME_PORT
        if site.hostname == hostname and site.is_default_site:
            return MATCH_HOSTNAME_DEFAULT
        return MATCH_DEFAULT if site.is_default_site else MATCH_HOSTNAME

    found = sorted((s for s in sites if s.hostname == hostname or s.is_default_site), key=rank)
    if not found:
        return None
    if len(found) == 1 or rank(found[0]) in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return found[0]
    if rank(found[0]) == MATCH_DEFAULT:
        return found[len(found) == 2]
    return None


def site_root_paths(sites: list[Site]) -> list[SiteRootPath] | None:
    """What ``Site.get_site_root_paths()`` answers, from ``sites`` loaded in its
    order with their root pages and locales; None with translations on (each
    root's translations are more pages: Wagtail's own look-up then runs)."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    return [
        SiteRootPath(
            site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code
        )
        for site in sites
    ]


# The order Site.get_site_root_paths() reads the sites in.
SITE_ROOT_PATHS_ORDER = ("-root_page__url_path", "-is_default_site", "hostname")


def set_site_root_paths(request: HttpRequest, paths: list[SiteRootPath]) -> None:
    """What pages' URLs are built from for this request, without a query."""
    request._wagtail_cached_site_root_paths = paths


def share_site_root_paths(pages, paths) -> None:
    """What each of ``pages`` builds its URL from without a request (Wagtail
    reads the root paths from the cache once per page object): a list's
    cards read them once for all (``listings.attach_sections``). ``paths``:
    a list of ``SiteRootPath``, or a lazy object that reads it when first used."""
    for page in pages:
        page._wagtail_cached_site_root_paths = paths


def store_site_root_paths(paths: list[SiteRootPath]) -> None:
    """Fill Wagtail's own cache of the root paths (what a page's URL is built
    from when no request is at hand: ``page.full_url``, ``{% pageurl %}`` in
    an ``only`` include), as ``Site.get_site_root_paths()`` would."""
    cache.set(
        SITE_ROOT_PATHS_CACHE_KEY,
        [tuple(path) for path in paths],
        SITE_ROOT_PATHS_CACHE_TIMEOUT,
        version=SITE_ROOT_PATHS_CACHE_VERSION,
    )


SITE_ROOT_PATHS_CACHE_TIMEOUT = 3600  # Wagtail's


def set_request_site(request: HttpRequest, site: Site | None) -> None:
    """What ``Site.find_for_request`` answers for this request from now on."""
    request._wagtail_site = site


def set_request_settings(request: HttpRequest, site_settings) -> None:
    """What ``SiteSettings.for_request`` answers for this request from now on
    (the settings keep the request, as Wagtail's look-up makes them do)."""
    site_settings._request = request
    setattr(request, type(site_settings).get_cache_attr_name(), site_settings)


def set_parent(page, parent) -> None:
    """What ``page.get_parent()`` answers, without a query (treebeard's cache)."""
    page._cached_parent_obj = parent


def set_cached_property(instance, name: str, value) -> None:
    """Fill ``instance``'s ``cached_property`` ``name`` ahead of its first use."""
    instance.__dict__[name] = value


class CappedAutoSlug:
    """A page mixin: the slug Wagtail makes from the title when a page is saved
    without one is capped at a word (``articles.slugs.cap_slug``) before
    Wagtail makes it unique among its siblings. ``_get_autogenerated_slug`` is
    private; ``tests/articles/test_slugs.py`` fails if Wagtail stops calling it."""

    def _get_autogenerated_slug(self, base_slug: str) -> str:
        return super()._get_autogenerated_slug(cap_slug(base_slug))


def set_prefetched_renditions(image, renditions: list) -> None:
    """The renditions ``image.get_renditions()`` finds without a query (what
    ``prefetch_renditions()`` fills; new renditions are added to the list)."""
    image.prefetched_renditions = renditions
