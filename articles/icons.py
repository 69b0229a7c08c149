"""The site's icons outside the page tree: ``/favicon.ico``.

Browsers and crawlers ask for ``/favicon.ico`` whatever the page's ``<link
rel="icon">`` says; it redirects to the default icon in the static files
(hashed and cached for good by WhiteNoise).
"""

from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe

DEFAULT_FAVICON = "icons/favicon.ico"
# A redirect browsers may keep for a day: a new icon shows up within one.
REDIRECT_MAX_AGE = 24 * 60 * 60


@require_safe
def favicon_ico(request: HttpRequest) -> HttpResponseRedirect:
    response = HttpResponseRedirect(static(DEFAULT_FAVICON))
    response["Cache-Control"] = f"public, max-age={REDIRECT_MAX_AGE}"
    return response
