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
)
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.utils.functional import SimpleLazyObject

from wagtail.models import Page, Site

from articles import wagtail_adapter
from articles.cache import lookups

PER_PAGE = 20


def attach_sections(articles: list, sections: dict | None = None) -> list:
    """Set ``article.section`` from the cached live sections
    (``lookups.live_sections``) unless the caller already has them, and the
    site root paths their URLs are built from, read once for the list (from
    the cache: ``wagtail_adapter.store_site_root_paths``)."""
    if not articles:
        return articles
    if sections is None:
        sections = lookups.live_sections()
    for article in articles:
        article.__dict__["section"] = sections.get(article.path[: -Page.steplen])
    # Read when the first card's URL is built (a list shown without its
    # URLs reads nothing), once for all of them.
    wagtail_adapter.share_site_root_paths(articles, SimpleLazyObject(Site.get_site_root_paths))
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
    return _paths_under(parent.path, parent.depth + 1)


def siblings_q(page) -> Q:
    """``page`` and the other children of its parent, as ``children_q`` reads them."""
    return _paths_under(page.path[: -page.steplen], page.depth)


def _paths_under(prefix: str, depth: int) -> Q:
    first, last = Page.alphabet[0] * Page.steplen, Page.alphabet[-1] * Page.steplen
    return Q(depth=depth, path__gte=prefix + first, path__lte=prefix + last)


def section_pages(section, model) -> QuerySet:
    """A section's live pages of type ``model`` (its articles), newest first
    (for ``paginate``). A section's other children (live pages) show in its
    "LIVE" box, not as cards: counting them would page over cards that never
    load. The content type is a column of the covering index (migration 0010)."""
    return newest_first(
        listed_pages().filter(children_q(section), content_type_id=content_type_id(model))
    )


def content_type_id(model) -> int:
    return ContentType.objects.get_for_model(model).pk  # cached by Django


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


def _picked_ids(article) -> QuerySet | list[int]:
    links = article.related_links.all()
    if isinstance(links, QuerySet):
        return links.values("article_id")
    return [link.article_id for link in links]


def related_articles(article, limit: int = 4) -> list:
    """Editors' picks (at most ``limit``: the editor's panel allows no more),
    then the newest articles sharing a tag, then the newest in the section,
    all chosen and ranked in the cards' own query: "Related" costs what
    ``cards()`` costs.

    Only a few candidates are ranked: the picks, the ``limit`` newest sharing
    a tag and the ``limit`` newest in the section (each list read from an
    index, newest first), which always hold the ``limit`` best. Ranking every
    article of the site read every article row (13 ms on SQLite at 5,000)."""
    articles = type(article).objects.public().exclude(pk=article.pk)  # restrictions read once
    tag_ids = [tag.pk for tag in article.tag_list]  # shared with the article's template
    tagged = article.tags.through.objects.filter(content_object_id=OuterRef("pk"))
    shares_tag = Exists(tagged.filter(tag_id__in=tag_ids)) if tag_ids else Value(False)
    rank = Case(
        When(pick__isnull=False, then=Value(0)),
        When(shares_tag=True, then=Value(1)),
        default=Value(2),
    )
    # Newest first from the page table's listing indexes, as a section's list is.
    others = listed_pages().filter(content_type_id=content_type_id(type(article)))
    others = newest_first(others.exclude(pk=article.pk)).values("pk")
    candidates = Q(pk__in=_picked_ids(article)) | Q(
        pk__in=others.filter(siblings_q(article))[:limit]
    )
    if tag_ids:
        sharing = article.tags.through.objects.filter(tag_id__in=tag_ids)
        candidates |= Q(pk__in=others.filter(pk__in=sharing.values("content_object_id"))[:limit])
    chosen = (
        articles.filter(candidates)
        .annotate(pick=_pick_order(article), shares_tag=shares_tag)
        .order_by(rank, F("pick").asc(nulls_last=True), *NEWEST_FIRST)
    )
    return cards(chosen[:limit])
