"""``/fonts/<name>``: the newsroom's web fonts (``articles.fonts``), served
from our origin whatever the media storage, so the page needs no third-party
request and the CSP's ``font-src 'self'`` holds.

Only the request's site's own fonts are served, found in the cached site
(``articles.site``: no query). Their names carry a hash of their content, so
browsers and CDNs keep them for a year.
"""

from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from articles.site import site_brand

MAX_AGE = 365 * 24 * 60 * 60


@require_safe
def font(request: HttpRequest, name: str) -> FileResponse:
    for found in site_brand(request).fonts:
        if PurePosixPath(found.name).name == name:
            break
    else:
        raise Http404("No such font")
    response = FileResponse(default_storage.open(found.name), content_type="font/woff2")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}, immutable"
    return response
