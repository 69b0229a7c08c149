from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from articles import brand
from articles.site import identity, site_menus


def site(request: HttpRequest) -> dict:
    """Site identity and menus for every template (``articles.site``), and its
    brand (logo, icons, accent: ``articles.brand``, made when a template uses
    it)."""
    name, site_settings = identity(request)
    main_menu, footer_links = site_menus(request)
    return {
        "site_name": name,
        "site_settings": site_settings,
        "site_brand": SimpleLazyObject(lambda: brand.of(site_settings)),
        "main_menu": main_menu,
        "footer_links": footer_links,
    }
