"""Appeals in reader templates (the article templates ask; membership answers).

``{% appeal "end" %}`` at the end of an article, ``{% appeal "inline"
after=forloop.counter0 %}`` after each body block, ``{% appeal "banner" %}``
in the site layout, and ``{% appeals_script %}`` in the head (the rotation,
banner dismissal and measurement script, only when an appeal is live).
Each renders for the request's audience; nothing renders without a request.

Inside a cached template fragment (the same HTML for every reader), a place
is marked with ``{% appeal_slot "inline" after=N %}`` instead, and the
fragment is wrapped in ``{% appeal_slots %}…{% endappeal_slots %}``, which
fills every marked place for this request's audience once the fragment (from
the cache or freshly rendered) is in hand. No marker ever reaches a reader.
"""

import json
import re

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import Page

from articles.models import ArticlePage
from membership.appeals.placing import page_appeals
from membership.appeals.selection import live_appeals
from membership.currency import choice
from membership.models import Placement

register = template.Library()

# Banners show on the reader site only: Wagtail pages and the articles views
# (search, authors, tags), not on joining, account or admin pages.
BANNER_NAMESPACES = {"articles"}
BANNER_URL_NAMES = {"wagtail_serve"}
PLACEMENTS = frozenset(Placement.values)


def _shows_banner(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return match.url_name in BANNER_URL_NAMES or match.namespace in BANNER_NAMESPACES


@register.simple_tag(takes_context=True)
def appeal(context: template.Context, placement: str, after: int | None = None) -> SafeString:
    request = context.get("request")
    if request is None or placement not in PLACEMENTS:
        return mark_safe("")
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    if placement == Placement.BANNER and not _shows_banner(request):
        return mark_safe("")
    if placement != Placement.BANNER and page is None:
        return mark_safe("")
    return page_appeals(request, page).render(placement, after=after)


# <!--appeal-slot:inline:3-->, <!--appeal-slot:end:-->
SLOT = "<!--appeal-slot:{placement}:{after}-->"
SLOT_PATTERN = re.compile(r"<!--appeal-slot:(\w+):(\d*)-->")


@register.simple_tag
def appeal_slot(placement: str, after: int | None = None) -> SafeString:
    """Mark where ``{% appeal placement after=… %}`` goes (see ``appeal_slots``)."""
    if placement not in PLACEMENTS:
        raise template.TemplateSyntaxError(f"appeal_slot: unknown placement {placement!r}")
    slot = SLOT.format(placement=placement, after="" if after is None else int(after))
    return mark_safe(slot)  # noqa: S308 - a fixed comment with a known placement and a number


class AppealSlotsNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        html = self.nodelist.render(context)

        def fill(match: re.Match) -> str:
            placement, after = match.group(1), match.group(2)
            return appeal(context, placement, int(after) if after else None)

        return SLOT_PATTERN.sub(fill, html)


@register.tag
def appeal_slots(parser: template.base.Parser, token: template.base.Token) -> AppealSlotsNode:
    """``{% appeal_slots %}…{% endappeal_slots %}``: fill the ``appeal_slot``
    markers inside with this request's appeals."""
    nodelist = parser.parse(("endappeal_slots",))
    parser.delete_first_token()
    return AppealSlotsNode(nodelist)


@register.simple_tag(takes_context=True)
def appeals_script(context: template.Context) -> SafeString:
    """The script, when an appeal is live; on an article it carries the
    article's id, which the script notes in the reader's browser to count
    the articles read (nothing is sent). With more than one currency enabled
    it also carries which countries pay in which (``choice.country_table``),
    so the script shows the ask in the reader's currency."""
    if not live_appeals():
        return mark_safe("")
    page = context.get("page")
    article = page.pk if isinstance(page, ArticlePage) and page.pk else ""
    table = choice.country_table()
    return format_html(
        '<script src="{}" defer data-beacon="{}"{}{}></script>',
        static("js/appeals.js"),
        reverse("membership:appeal_beacon"),
        format_html(' data-article="{}"', article) if article else "",
        format_html(' data-currencies="{}"', json.dumps(table, separators=(",", ":")))
        if table
        else "",
    )
