"""The site's icons outside the page tree: ``/favicon.ico`` and
``/site.webmanifest``, both from the icon editors upload in the site settings
(``articles.brand``), or the default icon in the static files.

Browsers and crawlers ask for ``/favicon.ico`` whatever the page's ``<link
rel="icon">`` says; it redirects to the 32 px rendition of the site icon, or
to the default icon (hashed and cached for good by WhiteNoise).
"""

import json

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from articles import brand
from articles.cache import generations
from articles.site import identity, site_brand

DEFAULT_FAVICON = "icons/favicon.ico"
DEFAULT_ICON_SVG = "icons/favicon.svg"
# A redirect browsers may keep for a day: a new icon shows up within one.
REDIRECT_MAX_AGE = 24 * 60 * 60
MANIFEST_ICON_SIZES = (192, 512)
DEFAULT_THEME_COLOUR = "#0b5cad"  # static/css/site.css: --accent


@require_safe
def favicon_ico(request: HttpRequest) -> HttpResponseRedirect:
    icon = site_brand(request).favicon
    response = HttpResponseRedirect(icon.url if icon else static(DEFAULT_FAVICON))
    response["Cache-Control"] = f"public, max-age={REDIRECT_MAX_AGE}"
    return response


def _type(picture: brand.Picture) -> str:
    return "image/svg+xml" if picture.url.endswith(".svg") else "image/png"


@require_safe
def webmanifest(request: HttpRequest) -> HttpResponse:
    name = identity(request).name
    found = site_brand(request)
    if found.icons:
        icons = [
            {
                "src": found.icons[size].url,
                "sizes": f"{size}x{size}",
                "type": _type(found.icons[size]),
            }
            for size in MANIFEST_ICON_SIZES
        ]
    else:
        icons = [{"src": static(DEFAULT_ICON_SVG), "sizes": "any", "type": "image/svg+xml"}]
    manifest = {
        "name": name,
        "short_name": name,
        "start_url": "/",
        "display": "browser",
        "icons": icons,
        "theme_color": found.accent or DEFAULT_THEME_COLOUR,
        "background_color": "#ffffff",
    }
    response = HttpResponse(
        json.dumps(manifest, indent=1), content_type="application/manifest+json"
    )
    return generations.mark_public(response)
