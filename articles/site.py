"""The site a request is for, and its identity, found once per request.

Each reader page needs the Wagtail ``Site`` for its host and the
editor-managed ``SiteSettings``. ``SiteLookupMiddleware`` reads both from the
cache (kept under the page cache's ``site`` generation, purged whenever a
site or the settings are saved: ``articles.cache.purging``) and hands them to
Wagtail's own per-request caches, so ``Site.find_for_request`` and
``SiteSettings.for_request`` run no query. ``identity(request)`` (the site's
name and settings) and ``root_url(request)`` are then computed once per
request, for templates (``articles.context_processors``), the head meta,
feeds and sitemaps alike.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponseBase
from django.http.request import split_domain_port

from wagtail.images import get_image_model
from wagtail.models import Site

from articles import brand, menus, wagtail_adapter
from articles.cache import generations, lookups
from articles.cache.generations import generation_key
from articles.image_specs import SHARE_IMAGE_SPEC, SITE_SPECS, stored_specs
from articles.models.settings import SiteSettings

IDENTITY_ATTRIBUTE = "site_identity"
MENUS_ATTRIBUTE = "site_menus"
BRAND_ATTRIBUTE = "site_brand"


class SiteIdentity(NamedTuple):
    name: str
    settings: SiteSettings | None


# Every site's root page is a HomePage (articles.models.pages): loaded with the
# site through its multi-table link, Wagtail's routing from it costs no query.
ROOT_PAGE_LINK = "root_page__homepage"
# The settings' images are on every reader page (the masthead's logo, the site
# icons, the head meta's logo and default share image): joined to the site,
# their renditions prefetched (one query).
SITE_IMAGES = ("logo", "logo_dark", "icon", "default_share_image")
BRAND_ONLY_IMAGES = ("logo_dark", "icon")  # the head meta uses the logo too


class SiteBundle(NamedTuple):
    """What a host's requests need of the site, kept in the cache together."""

    site: Site | None
    settings: SiteSettings | None
    root_paths: list | None  # Wagtail's site root paths (None: Wagtail looks them up)
    menus: menus.Menus  # the settings' main menu and footer links, resolved
    brand: brand.Brand  # the logo, icons, accent and web fonts, as URLs and colours


def load_site(hostname: str, port) -> SiteBundle:
    """Every site with its root page and settings in one query; the one
    Wagtail picks for ``hostname`` and ``port``; the root paths page URLs are
    built from; the menus (their pages in a second query, which also reads
    the live sections and the view restrictions and keeps them as the
    look-ups: ``lookups.live_pages_and_lookups``)."""
    settings_link = SiteSettings._meta.get_field("site").remote_field.get_accessor_name()
    images = [f"{settings_link}__{name}" for name in SITE_IMAGES]
    sites = list(
        Site.objects.select_related(
            "root_page__locale", ROOT_PAGE_LINK, settings_link, *images
        ).order_by(*wagtail_adapter.SITE_ROOT_PATHS_ORDER)
    )
    site = wagtail_adapter.match_site(sites, hostname, port)
    site_settings = None
    site_menus = menus.NO_MENUS
    site_brand = brand.of(None)
    if site is not None:
        root = site.root_page
        home = getattr(root, ROOT_PAGE_LINK.split("__")[-1], None)
        if home is not None and root.specific_class is type(home):
            wagtail_adapter.set_cached_property(root, "specific", home)
        root.localized.specific  # noqa: B018 - loads it (if not a HomePage) and keeps it
        site_settings = getattr(site, settings_link, None) or SiteSettings.for_site(site)
        prefetch_site_renditions(site_settings)
        # Plain values, so that a request reads the brand without asking the
        # images for their renditions (which costs milliseconds a page); the
        # renditions only the brand needed are not kept in the cached bundle,
        # which every request unpickles.
        site_brand = brand.of(site_settings)
        for name in BRAND_ONLY_IMAGES:
            image = getattr(site_settings, name)
            if image is not None:
                wagtail_adapter.set_prefetched_renditions(image, [])
    root_paths = wagtail_adapter.site_root_paths(sites)
    if root_paths is not None:
        wagtail_adapter.store_site_root_paths(root_paths)
    # The menus' pages, with the live sections and the view restrictions
    # that every page looks up next (articles.cache.lookups): one query.
    pages = lookups.live_pages_and_lookups(
        menus.page_ids(site_settings) if site_settings else set()
    )
    if site_settings is not None:  # after the root paths: the menus' URLs are built from them
        site_menus = menus.resolve(site_settings, site, pages)
    return SiteBundle(site, site_settings, root_paths, site_menus, site_brand)


def prefetch_site_renditions(site_settings: SiteSettings) -> None:
    """The settings' images' renditions, in one query (``articles.seo`` and
    ``articles.brand`` ask the images for them: none is looked up again)."""
    images = [getattr(site_settings, name) for name in SITE_IMAGES]
    images = [image for image in images if image is not None]
    if images:
        renditions = (
            get_image_model()
            .get_rendition_model()
            .objects.filter(filter_spec__in=stored_specs(*SITE_SPECS, SHARE_IMAGE_SPEC))
        )
        prefetch_related_objects(
            images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
        )


def attach_site(request: HttpRequest) -> None:
    """Set the request's Wagtail Site, SiteSettings, site root paths and menus
    from the cache, read with the look-ups routing and serving need next in
    one cache read (when the cache is cold: one query for the first three,
    one for the menus' pages, the live sections and the view restrictions)."""
    host = wagtail_adapter.raw_host(request)
    # The generations most reader pages read (the cards' with the site's), in one read.
    generations.generations([generations.SITE, generations.ARTICLES])
    # The key names the bundle's shape: a bundle cached before a field was
    # added (by a process still running the previous release) is never read.
    key = generation_key(f"site-bundle:{len(SiteBundle._fields)}", host, request.get_port())
    # With the look-ups routing and serving a page read next, in one read.
    found = generations.read(
        [key, lookups.key(lookups.LIVE_SECTIONS), lookups.key(lookups.RESTRICTIONS)]
    ).get(key)
    if found is None:
        found = load_site(split_domain_port(host)[0], request.get_port())
        cache.set(key, found, lookups.TIMEOUT)
        generations.remember({key: found})
    wagtail_adapter.set_request_site(request, found.site)
    if found.settings is not None:
        wagtail_adapter.set_request_settings(request, found.settings)
    if found.root_paths is not None:
        wagtail_adapter.set_site_root_paths(request, found.root_paths)
    setattr(request, MENUS_ATTRIBUTE, found.menus)
    setattr(request, BRAND_ATTRIBUTE, found.brand)


def site_menus(request: HttpRequest) -> menus.Menus:
    """The request's site's menus (``attach_site``: from the cache)."""
    if not hasattr(request, MENUS_ATTRIBUTE):  # a page rendered before any view (a 429)
        attach_site(request)
    return getattr(request, MENUS_ATTRIBUTE)


def site_brand(request: HttpRequest) -> brand.Brand:
    """The request's site's brand (``attach_site``: from the cache)."""
    if not hasattr(request, BRAND_ATTRIBUTE):  # a page rendered before any view (a 429)
        attach_site(request)
    return getattr(request, BRAND_ATTRIBUTE)


def identity(request: HttpRequest) -> SiteIdentity:
    """(site name, SiteSettings or None): editor-set name, else the Site's,
    else ``WAGTAIL_SITE_NAME``; computed once per request."""
    found = getattr(request, IDENTITY_ATTRIBUTE, None)
    if found is None:
        current = Site.find_for_request(request)
        site_settings = SiteSettings.for_request(request) if current else None
        name = (
            (site_settings.site_name if site_settings else "")
            or (current.site_name if current else "")
            or settings.WAGTAIL_SITE_NAME
        )
        found = SiteIdentity(name, site_settings)
        setattr(request, IDENTITY_ATTRIBUTE, found)
    return found


def root_url(request: HttpRequest | None) -> str:
    """The site's base URL, the one ``page.full_url`` uses: no trailing slash."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.SITE_URL


def absolute(request: HttpRequest | None, url: str) -> str:
    """``url`` made absolute on the request's site (as ``page.full_url`` is)."""
    if not url or url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{root_url(request).split('//')[0]}{url}"
    return root_url(request) + url


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
