from django.http import HttpRequest

from articles.site import identity, site_brand, site_menus


def site(request: HttpRequest) -> dict:
    """Site identity, menus and brand (logo, icons, accent) for every
    template, all found with the cached site (``articles.site``)."""
    name, site_settings = identity(request)
    main_menu, footer_links = site_menus(request)
    return {
        "site_name": name,
        "site_settings": site_settings,
        "site_brand": site_brand(request),
        "main_menu": main_menu,
        "footer_links": footer_links,
    }
