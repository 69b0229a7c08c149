"""``{% live_now page %}``: the "LIVE" box at the top of the home page and of
a section, listing its live pages that are still live (nothing otherwise).
Kept as a fragment under the listing page's generation, which every entry
posted to one of its live pages purges."""

from django import template

from articles.live import distribution

register = template.Library()


@register.inclusion_tag("articles/live/live_now.html")
def live_now(page) -> dict:
    return {"live_pages": distribution.on_now(page) if page is not None else []}
