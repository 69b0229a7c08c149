from django.conf import settings
from django.http import HttpRequest

from wagtail.models import Site


def site(request: HttpRequest) -> dict[str, str]:
    """The name of the Wagtail site serving this request (cached per request)."""
    current = Site.find_for_request(request)
    return {"site_name": (current.site_name if current else "") or settings.WAGTAIL_SITE_NAME}
