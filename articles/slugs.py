"""Slugs from headlines: at most 60 characters, cut at a word boundary."""

from django.utils.text import slugify

MAX_SLUG = 60


def headline_slug(title: str, limit: int = MAX_SLUG) -> str:
    slug = slugify(title) or "story"
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    return cut[: cut.rfind("-")] if "-" in cut[1:] else slug[:limit]
