"""Slugs from headlines: at most 60 characters, cut at a word boundary.

The same rule three times: ``headline_slug`` (the story import),
``cap_slug`` on the slug Wagtail makes from a title when a page is saved
without one (``articles.wagtail_adapter.CappedAutoSlug``), and
``static/js/editor.js`` on the slug the admin fills in as the title is typed.
"""

from django.utils.text import slugify

MAX_SLUG = 60


def cap_slug(slug: str, limit: int = MAX_SLUG) -> str:
    """``slug`` if it is short enough, else its longest start of at most
    ``limit`` characters that ends at a word (a word longer than that is cut)."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    return cut[: cut.rfind("-")] if "-" in cut[1:] else slug[:limit]


def headline_slug(title: str, limit: int = MAX_SLUG) -> str:
    return cap_slug(slugify(title) or "story", limit)
