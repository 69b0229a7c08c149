from django.http import HttpRequest

from articles.cache import generations
from articles.site import identity


def site(request: HttpRequest) -> dict:
    """Site identity for every template (``articles.site.identity``), and the
    key part for fragments that show the site settings (the menus in base.html)."""
    name, site_settings = identity(request)
    generation = generations.generations([generations.SITE])[generations.SITE]
    return {"site_name": name, "site_settings": site_settings, "site_generation": generation}
