from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from articles import brand
from articles.cache import generations
from articles.site import identity


def site(request: HttpRequest) -> dict:
    """Site identity for every template (``articles.site.identity``), its
    brand (logo, icons, accent: ``articles.brand``, made when a template uses
    it), and the key part for fragments that show the site settings (the
    menus in base.html)."""
    name, site_settings = identity(request)
    generation = generations.generations([generations.SITE])[generations.SITE]
    return {
        "site_name": name,
        "site_settings": site_settings,
        "site_brand": SimpleLazyObject(lambda: brand.of(site_settings)),
        "site_generation": generation,
    }
