from django.conf import settings
from django.http import HttpRequest

from wagtail.models import Site

from articles import caching
from articles.models import SiteSettings


def site(request: HttpRequest) -> dict:
    """Site identity for every template: editor-set settings, else the Site's name.

    Both come from the cache (``articles.lookups``) or, at worst, one query each.
    """
    current = Site.find_for_request(request)
    site_settings = SiteSettings.for_request(request) if current else None
    name = (
        (site_settings.site_name if site_settings else "")
        or (current.site_name if current else "")
        or settings.WAGTAIL_SITE_NAME
    )
    # Key part for fragments that show the site settings (the menus in base.html).
    generation = caching.generations([caching.SITE])[caching.SITE]
    return {"site_name": name, "site_settings": site_settings, "site_generation": generation}
