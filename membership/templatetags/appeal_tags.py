"""Appeals in reader templates (the article templates ask; membership answers).

``{% appeal "end" %}`` at the end of an article, ``{% appeal "inline"
after=forloop.counter0 %}`` after each body block, ``{% appeal "banner" %}``
in the site layout, and ``{% appeals_script %}`` in the head (the rotation,
banner dismissal and measurement script, only when an appeal is live).
Each renders for the request's audience; nothing renders without a request.
"""

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import Page

from membership.appeals.placing import page_appeals
from membership.appeals.selection import live_appeals
from membership.models import Placement

register = template.Library()

# Banners show on the reader site only: Wagtail pages and the articles views
# (search, authors, tags), not on joining, account or admin pages.
BANNER_NAMESPACES = {"articles"}
BANNER_URL_NAMES = {"wagtail_serve"}


def _shows_banner(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return match.url_name in BANNER_URL_NAMES or match.namespace in BANNER_NAMESPACES


@register.simple_tag(takes_context=True)
def appeal(context: template.Context, placement: str, after: int | None = None) -> SafeString:
    request = context.get("request")
    if request is None or placement not in Placement.values:
        return mark_safe("")
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    if placement == Placement.BANNER and not _shows_banner(request):
        return mark_safe("")
    if placement != Placement.BANNER and page is None:
        return mark_safe("")
    return page_appeals(request, page).render(placement, after=after)


@register.simple_tag
def appeals_script() -> SafeString:
    if not live_appeals():
        return mark_safe("")
    return format_html(
        '<script src="{}" defer data-beacon="{}"></script>',
        static("js/appeals.js"),
        reverse("membership:appeal_beacon"),
    )
