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
from django.http import HttpRequest, HttpResponseBase

from wagtail.models import Site

from articles import wagtail_adapter
from articles.cache.generations import generation_key
from articles.cache.lookups import TIMEOUT
from articles.models.settings import SiteSettings

IDENTITY_ATTRIBUTE = "site_identity"


class SiteIdentity(NamedTuple):
    name: str
    settings: SiteSettings | None


def attach_site(request: HttpRequest) -> None:
    """Set the request's Wagtail Site and SiteSettings from the cache."""
    host = wagtail_adapter.raw_host(request)
    key = generation_key("site", host, request.get_port())
    found = cache.get(key)
    if found is None:
        site = wagtail_adapter.find_site(request)
        if site is not None:
            # Wagtail routes every request from the root page's specific page:
            # loaded here, it is stored with the site and costs no query.
            site.root_page.localized.specific  # noqa: B018 - loads and keeps it
        site_settings = SiteSettings.for_site(site) if site else None
        found = (site, site_settings)
        cache.set(key, found, TIMEOUT)
    site, site_settings = found
    wagtail_adapter.set_request_site(request, site)
    if site_settings is not None:
        wagtail_adapter.set_request_settings(request, site_settings)


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
