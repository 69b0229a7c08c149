"""Querysets behind every listing, built so each runs a fixed number of queries.

Cards need the article, its section, its bylines and its lead image renditions.
``cards()`` loads those for a whole list at once: one query for the articles
with their lead images, one for bylines with their authors, one for the
images' card renditions, whatever the number of articles; the live sections
come from the cache.

Listings are rendered once and kept as cached template fragments (home,
section, author and tag pages, "Related"), so these queries run only for the
first reader after a publish; querysets stay lazy until a fragment needs them.

Functions take the article model's querysets (``ArticlePage.objects.public()``,
with ``with_card_data()``): this module imports no model, so the page models
can build their listings with it.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber, Substr
from django.http import Http404, HttpRequest
from django.utils.functional import SimpleLazyObject

from wagtail.models import Page

from articles.cache import lookups

PER_PAGE = 20
RAIL_LENGTH = 4
LATEST_LENGTH = 10
TOP_STORIES = 6
# The home page's section rails come from the newest this many articles.
RECENT_WINDOW = 300


def attach_sections(articles: list, sections: dict | None = None) -> list:
    """Set ``article.section`` from the cached live sections
    (``lookups.live_sections``) unless the caller already has them."""
    if not articles:
        return articles
    if sections is None:
        sections = lookups.live_sections()
    for article in articles:
        article.__dict__["section"] = sections.get(article.path[: -Page.steplen])
    return articles


def cards(queryset: QuerySet, sections: dict | None = None) -> list:
    return attach_sections(list(queryset.with_card_data()), sections)


def cards_in_order(queryset: QuerySet, ids: list[int]) -> list:
    """Cards for ``ids`` from ``queryset``, in the order of ``ids`` (missing ones left out)."""
    by_id = {a.pk: a for a in cards(queryset.filter(pk__in=ids))}
    return [by_id[pk] for pk in ids if pk in by_id]


# "id" is the page table's own column (not the article's page_ptr_id), so
# the newest-first index (migration 0004) serves the whole ordering.
NEWEST_FIRST = (F("first_published_at").desc(nulls_last=True), "-id")


def newest_first(queryset: QuerySet) -> QuerySet:
    return queryset.order_by(*NEWEST_FIRST)


def listed_pages() -> QuerySet:
    """Live pages outside any view restriction, as plain ``Page`` rows.

    Paginated listings (``paginate``) filter these down to articles (a
    section's children, an author's bylines, a tag's items), so that their
    count and the ids of one page are answered from indexes on the page table
    alone (migration 0005) instead of joining every article's row.
    """
    pages = Page.objects.live()
    private = lookups.private_q()
    return pages.exclude(private) if private is not None else pages


def children_q(parent) -> Q:
    """The children of ``parent`` as a range of tree paths.

    Treebeard's ``child_of`` is ``path LIKE 'prefix%'``, which SQLite cannot
    answer from an index (it scans every live page); a range over the
    fixed-length child paths can use one on SQLite and PostgreSQL alike.
    """
    first, last = Page.alphabet[0] * Page.steplen, Page.alphabet[-1] * Page.steplen
    return Q(depth=parent.depth + 1, path__gte=parent.path + first, path__lte=parent.path + last)


def section_pages(section, model) -> QuerySet:
    """A section's live pages of type ``model`` (its articles), newest first
    (for ``paginate``). A section's other children (live pages) show in its
    "LIVE" box, not as cards: counting them would page over cards that never
    load. The content type is a column of the covering index (migration 0010)."""
    content_type = ContentType.objects.get_for_model(model)  # cached by Django
    return newest_first(
        listed_pages().filter(children_q(section), content_type_id=content_type.pk)
    )


def page_or_404(items, request: HttpRequest, per_page: int = PER_PAGE) -> PaginatorPage:
    """The requested page of ``items``; a page number that isn't one, or is past
    the end, is a 404."""
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    try:
        return paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404("No such page of results.") from error


def paginate(
    pages: QuerySet, request: HttpRequest, articles: QuerySet, per_page: int = PER_PAGE
) -> PaginatorPage:
    """One page of cards (see ``page_or_404``) from ``pages``: a newest-first
    queryset of article pages from ``listed_pages()``, loaded from ``articles``
    (the article model's queryset). The count reads the
    page table only; the page's ids are a subquery of the cards' query, so
    only that page's articles are ever joined and sorted; they are loaded
    only if the template renders them."""
    page = page_or_404(pages, request, per_page)
    ids = page.object_list.values("pk")
    # Loaded when first used: a listing whose cards are a cached fragment
    # never runs the cards' queries.
    page.object_list = SimpleLazyObject(lambda: cards(newest_first(articles.filter(pk__in=ids))))
    return page


@dataclass
class FrontPage:
    lead: object | None = None
    top: list = field(default_factory=list)
    rails: list = field(default_factory=list)  # [(section, [articles])]
    latest: list = field(default_factory=list)


def front_page(home, articles: QuerySet) -> FrontPage:
    """The home page: editors' picks first, the newest filling every gap.

    Queries: editors' picks (1), the newest ``RECENT_WINDOW`` articles' ids
    and paths (1, walking the newest-first index), then ``cards()`` once for
    every article shown (3; the live sections come from the cache).
    The section rails come from that window; only when the window is full and
    a section has fewer than ``RAIL_LENGTH`` articles in it does one more
    query (a window function over those sections) fill them.
    """
    picked = [home.lead_story_id] if home.lead_story_id else []
    picked += [
        pk for pk in home.top_stories.values_list("article_id", flat=True) if pk not in picked
    ]
    sections = lookups.live_sections()
    recent = list(newest_first(articles).values_list("pk", "path")[:RECENT_WINDOW])
    newest = [pk for pk, _ in recent[: TOP_STORIES + 1 + LATEST_LENGTH]]
    rail_ids: dict[str, list[int]] = {path: [] for path in sections}
    for pk, path in recent:
        rail = rail_ids.get(path[: -Page.steplen])
        if rail is not None and len(rail) < RAIL_LENGTH:
            rail.append(pk)
    quiet = [path for path, ids in rail_ids.items() if len(ids) < RAIL_LENGTH]
    if quiet and len(recent) == RECENT_WINDOW:
        for pk, section_path in _rails_for(articles, quiet):
            if pk not in rail_ids[section_path]:
                rail_ids[section_path].append(pk)
    wanted = set(picked) | set(newest) | {pk for ids in rail_ids.values() for pk in ids}
    by_id = {a.pk: a for a in cards(articles.filter(pk__in=wanted), sections)}

    ordered_picks = [by_id[pk] for pk in picked if pk in by_id]
    fill = [by_id[pk] for pk in newest if pk in by_id and by_id[pk] not in ordered_picks]
    front_list = (ordered_picks + fill)[: TOP_STORIES + 1]
    front = FrontPage(lead=front_list[0] if front_list else None, top=front_list[1:])
    shown = {a.pk for a in front_list}
    front.latest = [by_id[pk] for pk in newest if pk in by_id and pk not in shown][:LATEST_LENGTH]

    for section_path, section in sections.items():  # tree order = the editors' order
        rail = [by_id[pk] for pk in rail_ids[section_path] if pk in by_id]
        if rail:
            front.rails.append((section, sorted(rail, key=_published, reverse=True)))
    return front


def _rails_for(articles: QuerySet, section_paths: list[str]) -> list[tuple[int, str]]:
    """The newest ``RAIL_LENGTH`` articles of each of these sections, one query."""
    section_path = Substr("path", 1, Page.steplen * 3)
    return list(
        articles.annotate(
            section_path=section_path,
            rank=Window(
                RowNumber(),
                partition_by=section_path,
                order_by=F("first_published_at").desc(nulls_last=True),
            ),
        )
        .filter(rank__lte=RAIL_LENGTH, depth=4, section_path__in=section_paths)
        .values_list("pk", "section_path")
    )


def _published(article):
    return (article.first_published_at is not None, article.first_published_at, article.pk)


def _pick_order(article) -> Subquery | Case:
    """An editor's pick's place in ``article``'s related links (None: not one)."""
    links = article.related_links.all()
    if isinstance(links, QuerySet):  # stored picks: chosen in the cards' own query
        # (a link added in code may have no sort order: it still counts as a pick)
        place = links.filter(article_id=OuterRef("pk")).values(place=Coalesce("sort_order", 0))
        return Subquery(place[:1])
    # A preview's picks, held in memory with the unsaved page.
    whens = [When(pk=link.article_id, then=Value(n)) for n, link in enumerate(links)]
    return Case(*whens, default=None, output_field=IntegerField())


def related_articles(article, limit: int = 4) -> list:
    """Editors' picks (at most ``limit``: the editor's panel allows no more),
    then the newest articles sharing a tag, then the newest in the section,
    all chosen and ranked in the cards' own query: "Related" costs what
    ``cards()`` costs."""
    articles = type(article).objects.public().exclude(pk=article.pk)  # restrictions read once
    tag_ids = [tag.pk for tag in article.tag_list]  # shared with the article's template
    tagged = article.tags.through.objects.filter(content_object_id=OuterRef("pk"))
    shares_tag = Exists(tagged.filter(tag_id__in=tag_ids)) if tag_ids else Value(False)
    rank = Case(
        When(pick__isnull=False, then=Value(0)),
        When(shares_tag=True, then=Value(1)),
        default=Value(2),
    )
    chosen = (
        articles.annotate(pick=_pick_order(article), shares_tag=shares_tag)
        .filter(
            Q(pick__isnull=False)
            | Q(shares_tag=True)
            | articles.sibling_of_q(article, inclusive=False)
        )
        .order_by(rank, F("pick").asc(nulls_last=True), *NEWEST_FIRST)
    )
    return cards(chosen[:limit])
