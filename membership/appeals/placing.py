"""Where a page shows its appeals, rendered for the request's audience.

Every variant that may show in a place is rendered into the page; all but
the default carry ``hidden``. ``static/js/appeals.js`` then picks one per
place by weight (all variants of a place share ``data-appeal-placement``,
wherever they sit in the page). Rendering on the server for the request's
audience keeps members' pages free of pleas; embedding the variants keeps an
anonymous page byte-for-byte the same for every anonymous reader, so a
full-page cache can serve it and the rotation still happens per reader.
"""

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.blocks.slots import appeal_slots
from articles.models import ArticlePage, LiveBlogPage, SectionPage
from membership.appeals.selection import LiveAppeal, audience_for, eligible, live_appeals
from membership.models import Placement

TEMPLATE = "membership/appeals/appeal.html"
GOAL_BAR_FROM = 10  # percent of the goal


def section_id_of(page) -> int | None:
    if isinstance(page, SectionPage):
        return page.pk
    if isinstance(page, (ArticlePage, LiveBlogPage)):
        section = page.section  # an article's is set by the section's route: no query
        return section.pk if section else None
    return None


def inline_positions(page, variants: list[LiveAppeal]) -> dict[int, list[LiveAppeal]]:
    """Body block index → the inline variants shown after that block: the
    article's "Appeal here" marker if it has one, else after paragraph N
    (where those are is the articles' answer: ``articles.blocks.slots``; on a
    live page, after its Nth entry)."""
    slots = appeal_slots(page)
    if slots is None or not variants:
        return {}
    positions: dict[int, list[LiveAppeal]] = {}
    for variant in variants:
        index = slots.marker
        if index is None and variant.after_paragraph:
            index = slots.after_paragraph(variant.after_paragraph)
        if index is not None:
            positions.setdefault(index, []).append(variant)
    return positions


def default_of(variants: list[LiveAppeal]) -> int | None:
    """The variant shown without JavaScript: the first for any reader (its
    articles-read rule can't be checked without the script), else the first."""
    for variant in variants:
        if not variant.has_reading_rule:
            return variant.id
    return variants[0].id if variants else None


def ask_context(variant: LiveAppeal, placement: str, page_id: int | None) -> dict:
    """The end-of-article ask: preset amounts by frequency (each with its
    label and link in every currency it has a price in), the frequency switch
    when there are two, "Remind me later" for readers asked to give."""
    if placement != Placement.END or not variant.cta_label:
        return {"preset_sets": [], "reminder_href": ""}
    sets: dict[str, list] = {}
    for preset, href, prices in variant.preset_links(page_id):
        sets.setdefault(preset.frequency, []).append((preset, href, prices))
    return {
        "preset_sets": list(sets.items()),
        "reminder_href": variant.reminder_url(page_id),
    }


def render_variants(
    variants: list[LiveAppeal],
    placement: str,
    audience: str,
    page_id: int | None,
    default_id: int | None,
) -> SafeString:
    html = []
    for variant in variants:
        progress = variant.progress
        html.append(
            render_to_string(
                TEMPLATE,
                {
                    "appeal": variant,
                    "placement": placement,
                    "audience": audience,
                    "page_id": page_id or 0,
                    "href": variant.url(page_id),
                    "hidden": variant.id != default_id,
                    "progress": progress,
                    # A bar at 2 % discourages: it shows from above 10 % of the goal.
                    "goal_bar": progress is not None and progress.percent > GOAL_BAR_FROM,
                    **ask_context(variant, placement, page_id),
                },
            )
        )
    return mark_safe("".join(html))  # noqa: S308 - rendered by our template


@dataclass
class PageAppeals:
    """The appeals of one page for one request (computed once per request)."""

    audience: str
    page_id: int | None
    end: list[LiveAppeal] = field(default_factory=list)
    inline: dict[int, list[LiveAppeal]] = field(default_factory=dict)
    banner: list[LiveAppeal] = field(default_factory=list)

    def _default_inline(self) -> int | None:
        # The first position in the page holds the default inline variant.
        for index in sorted(self.inline):
            return default_of(self.inline[index])
        return None

    def render(self, placement: str, after: int | None = None) -> SafeString:
        if placement == Placement.INLINE:
            variants = self.inline.get(after, []) if after is not None else []
            default = self._default_inline()
        else:
            variants = self.end if placement == Placement.END else self.banner
            default = default_of(variants)
        if not variants:
            return mark_safe("")
        return render_variants(variants, placement, self.audience, self.page_id, default)


def page_appeals(request: HttpRequest, page) -> PageAppeals:
    memo = request.__dict__.setdefault("_newsroom_page_appeals", {})
    # By identity: a page previewed before its first save has no pk yet.
    key = id(page) if page is not None else None
    if key not in memo:
        audience = audience_for(request)
        section_id = section_id_of(page) if page is not None else None
        appeals = live_appeals()

        def pick(placement: str) -> list[LiveAppeal]:
            return eligible(placement, audience, section_id, appeals=appeals)

        is_article = isinstance(page, ArticlePage)
        has_inline = is_article or isinstance(page, LiveBlogPage)
        memo[key] = PageAppeals(
            audience=audience,
            page_id=getattr(page, "pk", None),
            end=pick(Placement.END) if is_article else [],
            inline=inline_positions(page, pick(Placement.INLINE)) if has_inline else {},
            banner=pick(Placement.BANNER),
        )
    return memo[key]
