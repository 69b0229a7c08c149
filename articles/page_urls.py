"""An article's URL from its section's, without a ``reverse()`` per card.

Wagtail builds a page's URL (``Page.get_url_parts``, the documented hook for
pages with their own URLs) from the site root paths and a ``reverse()`` of
the page's path: about half of a ``{% pageurl %}``, some forty times in a
cold home page. A card's article comes with its section (the live sections:
``listings.attach_sections``; the routing sets it too), and an article's
path is its section's and its slug, so its URL is its section's and its
slug: the section's parts are computed (by Wagtail) once per request for
all its cards.

That holds when the section is the article's parent as the tree stores it
now (its path and URL path: a moved article, a renamed section), the slug is
one Wagtail's URL pattern takes as it is, and no site has the article itself
as its root (its URL would then be that site's). Otherwise, with a request
(Wagtail may pick the request's site) or with translations on, Wagtail
builds the URL. ``tests/articles/test_page_urls.py`` compares the two.
"""

import re
from urllib.parse import quote

from django.conf import settings

from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Site

# What Wagtail's ``wagtail_serve`` pattern takes as one path segment.
SERVED_SLUG = re.compile(r"[\w-]+")
# The section's own URL parts and the site root paths, kept on the section
# object (a request's own copy: ``lookups.live_sections``).
PARTS_ATTRIBUTE = "child_url_parts"


class UrlFromSection:
    """For an article: its URL parts from its section's (see the module docstring)."""

    def get_url_parts(self, request=None):
        section = self.__dict__.get("section")  # known: no look-up to find it
        if section is None or request is not None:
            return super().get_url_parts(request)
        parts = _child_parts(self, section)
        return parts if parts is not None else super().get_url_parts(request)


def _child_parts(page, section) -> tuple | None:
    """``page``'s URL parts from ``section``'s, or None where they may differ."""
    if (
        getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        or section.path != page.path[: -page.steplen]
        or page.url_path != f"{section.url_path}{page.slug}/"
        or not SERVED_SLUG.fullmatch(page.slug)
    ):
        return None
    found = section.__dict__.get(PARTS_ATTRIBUTE)
    if found is None:
        roots = frozenset(root.root_path for root in Site.get_site_root_paths())
        found = section.__dict__[PARTS_ATTRIBUTE] = (section.get_url_parts(), roots)
    parts, roots = found
    if parts is None or parts[2] is None or page.url_path in roots:
        return None
    site_id, root_url, path = parts
    path = f"{path.rstrip('/')}/{quote(page.slug)}"  # the slug: letters, digits, _ and -
    return site_id, root_url, f"{path}/" if WAGTAIL_APPEND_SLASH else path
