"""Reader views outside the page tree: author pages, tag pages and search."""

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from taggit.models import Tag

from articles import listings, seo
from articles.cache import generations
from articles.live import distribution
from articles.models import ArticleByline, ArticlePage, ArticlePageTag, Author

SEARCH_MAX_QUERY_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# Full-text search matches words; punctuation only risks the backends' query
# syntax (SQLite FTS5 fails on a stray double quote), so it is left out.
PUNCTUATION = re.compile(r"[^\w\s]")


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


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    # Control characters (a NUL byte would break PostgreSQL) become spaces.
    raw = CONTROL_CHARACTERS.sub(" ", request.GET.get("q", ""))
    query = " ".join(raw.split())[:SEARCH_MAX_QUERY_LENGTH]
    context: dict = {"query": query, "page_obj": None, "seo": seo.for_search(request)}
    terms = " ".join(PUNCTUATION.sub(" ", query).split())
    if query:
        if terms:
            # Only ids from the ranked search: the cards are loaded for one
            # page below, so the ranking sorts ids, not whole articles.
            matches = ArticlePage.objects.public().only("pk")
            results = matches.search(terms, operator="and")
        else:
            results = ArticlePage.objects.none()
        page_obj = listings.page_or_404(results, request)
        ids = [article.pk for article in page_obj.object_list]
        page_obj.object_list = listings.cards_in_order(ArticlePage.objects.all(), ids)
        context["page_obj"] = page_obj
        if terms and page_obj.number == 1:
            context["live_results"] = distribution.search(terms)
    response = TemplateResponse(request, "articles/search.html", context)
    return generations.mark_public(response, generations.SEARCH, reads=("q", "page"))
