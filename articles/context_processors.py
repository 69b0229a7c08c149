from django.conf import settings
from django.http import HttpRequest

from wagtail.models import Site

from articles.models import SiteSettings


def site(request: HttpRequest) -> dict:
    """Site identity for every template: editor-set settings, else the Site's name.

    Both look-ups are cached on the request, so this costs at most one query.
    """
    current = Site.find_for_request(request)
    site_settings = SiteSettings.for_request(request) if current else None
    name = (
        (site_settings.site_name if site_settings else "")
        or (current.site_name if current else "")
        or settings.WAGTAIL_SITE_NAME
    )
    return {"site_name": name, "site_settings": site_settings}
