from urllib.parse import quote

from django import template
from django.utils.safestring import SafeString, mark_safe

from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_renditions_or_not_found

from articles import alt_text, change_marks, pictures
from articles.image_specs import (
    CARD_RENDITIONS,
    CARD_SIZES,
    COMPACT_CARD_SIZES,
    LEAD_RENDITIONS,
    LEAD_SIZES,
    THUMBNAIL_SIZES,
)

register = template.Library()

# Parsed once per process: Wagtail parses a spec string on every call, which
# costs more than the rest of a card.
CARD_FILTERS = tuple(Filter(spec=spec) for spec in CARD_RENDITIONS)
LEAD_FILTERS = tuple(Filter(spec=spec) for spec in LEAD_RENDITIONS)


def _picture(image, filters: tuple, attrs: dict) -> SafeString:
    renditions = get_renditions_or_not_found(image, filters)
    return mark_safe(pictures.html(renditions, attrs))  # noqa: S308 - escaped as flatatt does


@register.simple_tag
def card_picture(
    image, alt: str = "", eager: bool = False, thumbnail: bool = False, compact: bool = False
) -> SafeString:
    """An article card's <picture>: AVIF, WebP and JPEG at two widths
    (``image_specs.CARD_RENDITIONS``, which listings prefetch); a list's
    ``thumbnail`` is the same renditions shown small, and a ``compact`` card
    is a row with a small picture on a phone."""
    if not image:
        return mark_safe("")
    sizes = THUMBNAIL_SIZES if thumbnail else COMPACT_CARD_SIZES if compact else CARD_SIZES
    attrs = {
        "sizes": sizes,
        "alt": alt or alt_text.alt_for(image),
        "loading": "eager" if eager else "lazy",
        "decoding": "async",
    }
    return _picture(image, CARD_FILTERS, attrs)


@register.simple_tag
def thumbnail_picture(image) -> SafeString:
    """A small card picture (the "Related" list): the card renditions, so
    it costs what a card costs, with sizes that pick the smaller width."""
    return card_picture(image, thumbnail=True)


@register.simple_tag
def lead_picture(image, alt: str | None = None) -> SafeString:
    """An article's lead <picture> (``image_specs.LEAD_RENDITIONS``), loaded
    with the page's share image when its head meta is made. ``alt``: the
    article's (``ArticlePage.lead_image_alt_text``), else the image's
    description, never its title (``articles.alt_text``)."""
    if not image:
        return mark_safe("")
    alt = alt if alt is not None else alt_text.alt_for(image)
    attrs = {"sizes": LEAD_SIZES, "alt": alt, "fetchpriority": "high"}
    return _picture(image, LEAD_FILTERS, attrs)


@register.simple_tag
def article_change_marks(article) -> list[change_marks.ChangeMark]:
    """The article's "Updated" and "Corrected" marks (``articles.change_marks``)."""
    return change_marks.change_marks(article)


@register.simple_tag
def share_links(url: str, title: str) -> list[dict]:
    """Plain share links: no third-party script or request until a reader clicks."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        {"label": "Email", "href": f"mailto:?subject={t}&body={u}", "external": False},
        {"label": "X", "href": f"https://x.com/intent/post?url={u}&text={t}", "external": True},
        {
            "label": "Bluesky",
            "href": f"https://bsky.app/intent/compose?text={quote(f'{title} {url}', safe='')}",
            "external": True,
        },
        {
            "label": "Facebook",
            "href": f"https://www.facebook.com/sharer/sharer.php?u={u}",
            "external": True,
        },
        {
            "label": "Telegram",
            "href": f"https://t.me/share/url?url={u}&text={t}",
            "external": True,
        },
        {
            "label": "WhatsApp",
            "href": f"https://wa.me/?text={quote(f'{title} {url}', safe='')}",
            "external": True,
        },
    ]
