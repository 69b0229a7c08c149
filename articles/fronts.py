"""The home page's front: what editors pick, the newest filling every gap.

* the lead story and ``SECONDARY_STORIES`` secondary stories: the editors'
  picks (``HomePage.lead_story``, ``HomePage.top_stories``), in their order,
  then the newest articles;
* the "Latest" rail: the newest ``LATEST_LENGTH`` articles, newest first;
* the section blocks: the sections editors placed on the front
  (``HomePage.front_sections``), in their order and layout, or every section
  in the menu's order as a lead and a list; each shows its newest stories
  that are not already among the top stories.

Queries: the editors' picks (1), the newest ``RECENT_WINDOW`` articles' ids
and paths (1, walking the newest-first index), then ``listings.cards()`` once
for every article shown (3; the live sections come from the cache, the
section blocks' choices are a column of the home page). Only when the window
is full and a section block has too few stories in it does one more query (a
window function over those sections) fill them. Like ``listings``, this
module imports no model: the home page builds its front with it.
"""

from dataclasses import dataclass, field

from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber, Substr

from wagtail.models import Page

from articles.blocks.front import DEFAULT_LAYOUT, STORIES, FrontLayout
from articles.cache import lookups
from articles.listings import cards, newest_first

SECONDARY_STORIES = 3
LATEST_LENGTH = 8
# The section blocks come from the newest this many articles.
RECENT_WINDOW = 300


@dataclass
class FrontBlock:
    section: object
    layout: str
    articles: list

    @property
    def lead(self):
        """The story shown with its picture in a "lead and list" block."""
        return self.articles[0] if self.layout == FrontLayout.LEAD_AND_LIST else None

    @property
    def listed(self) -> list:
        """The stories after the block's lead (all of them in other layouts)."""
        return self.articles[1:] if self.lead else self.articles


@dataclass
class FrontPage:
    lead: object | None = None
    secondary: list = field(default_factory=list)
    latest: list = field(default_factory=list)
    blocks: list[FrontBlock] = field(default_factory=list)


def section_plan(home, sections: dict) -> list[tuple[object, str]]:
    """(section, layout) of each block, in the editors' order: the live
    sections of ``home`` they placed (read from the stored choices, no query),
    or all of them as a lead and a list."""
    own = {s.pk: s for path, s in sections.items() if path[: -Page.steplen] == home.path}
    chosen = [
        (child["value"].get("section"), child["value"].get("layout"))
        for child in home.front_sections.raw_data
        if child["type"] == "section"
    ]
    if not chosen:
        return [(section, DEFAULT_LAYOUT) for section in own.values()]
    return [
        (own[pk], layout if layout in STORIES else DEFAULT_LAYOUT)
        for pk, layout in chosen
        if pk in own
    ]


def front_page(home, articles: QuerySet) -> FrontPage:
    """The home page's front (see the module's docstring); ``articles``: the
    article model's public queryset."""
    top_length = 1 + SECONDARY_STORIES
    picked = [home.lead_story_id] if home.lead_story_id else []
    picked += [
        pk for pk in home.top_stories.values_list("article_id", flat=True) if pk not in picked
    ]
    sections = lookups.live_sections()
    plan = section_plan(home, sections)
    recent = list(newest_first(articles).values_list("pk", "path")[:RECENT_WINDOW])
    newest = [pk for pk, _ in recent]
    # A pick that is not public drops out once the cards are loaded: the
    # newest behind the fill take its place.
    candidates = list(dict.fromkeys(picked + newest[: top_length + len(picked)]))
    top_ids = set(candidates[:top_length])

    wanted = {section.path: STORIES[layout] for section, layout in plan}
    block_ids: dict[str, list[int]] = {path: [] for path in wanted}
    for pk, path in recent:
        ids = block_ids.get(path[: -Page.steplen])
        if ids is not None and len(ids) < wanted[path[: -Page.steplen]] and pk not in top_ids:
            ids.append(pk)
    short = [path for path, ids in block_ids.items() if len(ids) < wanted[path]]
    if short and len(recent) == RECENT_WINDOW:
        for pk, section_path in _newest_of(articles, short, max(wanted.values()) + top_length):
            ids = block_ids[section_path]
            if pk not in top_ids and pk not in ids and len(ids) < wanted[section_path]:
                ids.append(pk)

    latest = newest[:LATEST_LENGTH]
    every = set(candidates) | set(latest) | {pk for ids in block_ids.values() for pk in ids}
    by_id = {a.pk: a for a in cards(articles.filter(pk__in=every), sections)}

    top = [by_id[pk] for pk in candidates if pk in by_id][:top_length]
    front = FrontPage(lead=top[0] if top else None, secondary=top[1:])
    front.latest = [by_id[pk] for pk in latest if pk in by_id]
    for section, layout in plan:
        shown = [by_id[pk] for pk in block_ids[section.path] if pk in by_id]
        if shown:
            shown.sort(key=_published, reverse=True)
            front.blocks.append(FrontBlock(section, layout, shown))
    return front


def _newest_of(articles: QuerySet, section_paths: list[str], length: int) -> list:
    """(id, section path) of the newest ``length`` articles of each of these
    sections, newest first within each, in one query."""
    section_path = Substr("path", 1, Page.steplen * 3)
    rank = Window(
        RowNumber(),
        partition_by=section_path,
        order_by=F("first_published_at").desc(nulls_last=True),
    )
    return list(
        articles.annotate(section_path=section_path, rank=rank)
        .filter(rank__lte=length, depth=4, section_path__in=section_paths)
        .order_by("rank")
        .values_list("pk", "section_path")
    )


def _published(article):
    return (article.first_published_at is not None, article.first_published_at, article.pk)
