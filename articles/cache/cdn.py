"""Purging a CDN in front of the site, only when one is configured.

With ``FRONTEND_CACHE`` set, Wagtail's front-end cache app is installed and
purges by URL; without it every function here does nothing. The site roots
come from Wagtail's ``Site`` rows, fetched through the app registry so this
module (under ``articles.cache.generations``) imports no models.
"""

import logging

from django.apps import apps

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

logger = logging.getLogger(__name__)


def configured() -> bool:
    return apps.is_installed("wagtail.contrib.frontend_cache")


def purge_paths(paths: list[str]) -> None:
    """CDN purge of these paths on every site, when a CDN is configured."""
    if not configured():
        return
    site_model = apps.get_model("wagtailcore", "Site")
    roots = [site.root_url for site in site_model.objects.all()]
    try:
        purge_urls_from_cache([root + path for root in roots for path in paths])
    except Exception:  # a CDN outage must never fail a publish
        logger.exception("Front-end cache purge failed")


def purge_everything() -> None:
    """A CDN cannot purge "everything under /" by URL here: this purges the
    home page and relies on the short ``s-maxage`` for the rest."""
    purge_paths(["/"])
