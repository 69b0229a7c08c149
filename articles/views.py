"""Reader views outside the page tree: author pages, tag pages and search."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from wagtail.models import Site

from taggit.models import Tag

from articles import listings, seo
from articles.cache import generations, lookups
from articles.live import distribution
from articles.models import ArticleByline, ArticlePage, ArticlePageTag, Author
from articles.search_terms import MAX_LENGTH, NEWEST, SORTS, SearchQuery


def _listing(request: HttpRequest, template: str, ids, scope: str, context: dict, meta):
    """A page of cards for the articles ``ids`` names (a subquery of ids, no
    join, so no DISTINCT over whole rows), kept under ``scope``; ``meta``
    makes the head meta for the page of results."""
    pages = listings.newest_first(listings.listed_pages().filter(pk__in=ids))
    page_obj = listings.paginate(pages, request, ArticlePage.objects)
    context = {
        **context,
        "page_obj": page_obj,
        "seo": meta(page_obj),
        # Key part of the template's cached page of cards.
        "listing_generation": generations.fragment_generation(scope),
    }
    response = TemplateResponse(request, template, context)
    return generations.mark_public(response, scope, reads=("page",))


@require_safe
def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    return _listing(
        request,
        "articles/author_page.html",
        ArticleByline.objects.filter(author=author).values("page_id"),
        generations.author_scope(author.pk),
        {"author": author, "links": list(author.links.all())},
        lambda page_obj: seo.for_author(request, author, page_obj),
    )


@require_safe
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    return _listing(
        request,
        "articles/tag_page.html",
        ArticlePageTag.objects.filter(tag=tag).values("content_object_id"),
        generations.tag_scope(tag.pk),
        {"tag": tag},
        lambda page_obj: seo.for_tag(request, tag, page_obj),
    )


def _sections(request: HttpRequest) -> list:
    """The site's live sections, for "browse the sections" (from the cache)."""
    site = Site.find_for_request(request)
    return list(lookups.live_sections_by_slug(site.root_page).values()) if site else []


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = SearchQuery.parse(request.GET.get("q", ""), request.GET.get("sort"))
    context: dict = {
        "query": query.text,
        "search": query,
        "sorts": SORTS,
        "max_length": MAX_LENGTH,
        "page_obj": None,
        "seo": seo.for_search(request),
    }
    if query.text:
        if query.terms:
            # Only ids from the search: the cards are loaded for one page
            # below, so the search sorts ids, not whole articles.
            matches = ArticlePage.objects.public().only("pk")
            if query.sort == NEWEST:
                matches = matches.order_by("-first_published_at")
            results = matches.search(
                query.terms, operator="and", order_by_relevance=query.sort != NEWEST
            )
        else:
            results = ArticlePage.objects.none()
        page_obj = listings.page_or_404(results, request)
        ids = [article.pk for article in page_obj.object_list]
        page_obj.object_list = listings.cards_in_order(ArticlePage.objects.all(), ids)
        context["page_obj"] = page_obj
        if not ids:
            context["sections"] = _sections(request)
        if query.terms and page_obj.number == 1:
            context["live_results"] = distribution.search(query.terms)
    response = TemplateResponse(request, "articles/search.html", context)
    return generations.mark_public(response, generations.SEARCH, reads=("q", "page", "sort"))
