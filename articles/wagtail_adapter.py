"""Every place the project leans on Wagtail's (or Django's) private API.

Wagtail caches a request's ``Site`` and ``SiteSettings`` on the request, and
treebeard a page's parent on the page; the look-ups fill those caches from
the project's cache (``articles.site``) and the routing from pages it already
holds (``articles.models.pages``), which saves queries on every rendered page.
None of the names below is public API, so they are touched here only, and
``tests/articles/test_wagtail_adapter.py`` fails loudly if an upgrade renames
or stops reading one of them.
"""

from django.http import HttpRequest

from wagtail.models import Site


def raw_host(request: HttpRequest) -> str:
    """The Host header as Wagtail matches it against sites (port included)."""
    return request._get_raw_host()


def find_site(request: HttpRequest) -> Site | None:
    """Wagtail's own look-up of the request's site, without its per-request cache."""
    return Site._find_for_request(request)


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
