"""Reader views outside the page tree: author pages, tag pages and search."""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from taggit.models import Tag

from articles import listings, seo
from articles.models import ArticlePage, Author

SEARCH_MAX_QUERY_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# Full-text search matches words; punctuation only risks the backends' query
# syntax (SQLite FTS5 fails on a stray double quote), so it is left out.
PUNCTUATION = re.compile(r"[^\w\s]")


@require_safe
def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = listings.newest_first(
        listings.live_articles().filter(bylines__author=author).distinct()
    )
    page_obj = listings.paginate(articles, request)
    return TemplateResponse(
        request,
        "articles/author_page.html",
        {
            "author": author,
            "links": list(author.links.all()),
            "page_obj": page_obj,
            "seo": seo.for_author(request, author, page_obj),
        },
    )


@require_safe
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    articles = listings.newest_first(listings.live_articles().filter(tagged_items__tag=tag))
    page_obj = listings.paginate(articles, request)
    return TemplateResponse(
        request,
        "articles/tag_page.html",
        {"tag": tag, "page_obj": page_obj, "seo": seo.for_tag(request, tag, page_obj)},
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
            results = listings.live_articles().search(terms, operator="and")
        else:
            results = ArticlePage.objects.none()
        paginator = Paginator(results, listings.PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404("No such page of results.") from error
        ids = [article.pk for article in page_obj.object_list]
        by_id = {a.pk: a for a in listings.cards(ArticlePage.objects.filter(pk__in=ids))}
        page_obj.object_list = [by_id[pk] for pk in ids if pk in by_id]
        context["page_obj"] = page_obj
    return TemplateResponse(request, "articles/search.html", context)
