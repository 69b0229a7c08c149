"""What a change purges: the top of the page cache (it imports the models).

* publishing an article: the article, its section (every page of it, its feed),
  the home page, its authors' and tags' pages and feeds (before and after the
  edit), the site feed, the sitemaps and search (``article_scopes``);
* unpublishing, moving or deleting any page, publishing any other page, saving
  an author, the site settings or a view restriction (a page's or a
  collection's): everything (``purge_all``), in every process at once (the
  generations live in the shared cache, which production requires), so a
  withdrawn article never lingers in a "Related" box or a menu. The signal
  handlers that do so are in ``articles.cache.signals``;
* a page type with ``cache_scopes_and_paths()`` (a live page,
  ``articles.live``): the scopes and CDN paths it names;
* other apps call ``articles.cache.purge_all()`` or ``purge_pages(pages)``
  (e.g. when a membership appeal shown on every page changes).

With a CDN configured (``FRONTEND_CACHE``), the same events purge the URLs of
the page and of the listings that show it (``articles.cache.cdn``).
"""

from collections.abc import Iterable

from django.urls import reverse

from wagtail.models import Page

from articles import sitemaps
from articles.cache import cdn
from articles.cache.generations import (
    ARTICLES,
    FEEDS,
    SEARCH,
    SITEMAPS,
    author_scope,
    page_scope,
    purge_all,
    purge_now_and_after_commit,
    tag_scope,
)
from articles.models import ArticleByline, ArticlePage, ArticlePageTag


def purge_pages(pages: Iterable) -> None:
    """Purge these pages and every listing that shows them (public API)."""
    for page in pages:
        page = getattr(page, "specific", page)
        if isinstance(page, ArticlePage):
            purge_now_and_after_commit(article_scopes(page))
            if cdn.configured():  # listing_urls runs queries only a CDN needs
                cdn.purge_paths(listing_urls(page))
        elif hasattr(page, "cache_scopes_and_paths"):  # a page type that knows (a live page)
            scopes, paths = page.cache_scopes_and_paths()
            purge_now_and_after_commit(scopes)
            cdn.purge_paths(paths)
        else:
            purge_all()
            return


def article_scopes(article) -> set[str]:
    """Scopes showing ``article``: itself, its ancestors (section, home), its
    authors and tags as stored now, the feeds, sitemaps and search."""
    scopes = {page_scope(article.pk), FEEDS, SITEMAPS, SEARCH, ARTICLES}
    step = Page.steplen
    ancestor_paths = [article.path[:end] for end in range(step, len(article.path), step)]
    scopes |= {
        page_scope(pk)
        for pk in Page.objects.filter(path__in=ancestor_paths).values_list("pk", flat=True)
    }
    scopes |= {
        author_scope(pk)
        for pk in ArticleByline.objects.filter(page_id=article.pk).values_list(
            "author_id", flat=True
        )
    }
    scopes |= {
        tag_scope(pk)
        for pk in ArticlePageTag.objects.filter(content_object_id=article.pk).values_list(
            "tag_id", flat=True
        )
    }
    return scopes


def listing_urls(article) -> list[str]:
    """Paths of the listings and feeds showing ``article`` (for a CDN purge)."""
    urls = ["/", reverse("articles:feed"), reverse("articles:news_sitemap")]
    urls += sitemaps.purge_paths(article)
    section = article.get_parent()
    if section is not None and section.url:
        urls += [section.url, f"{section.url}feed/"]
    for author in ArticleByline.objects.filter(page_id=article.pk).select_related("author"):
        url = author.author.get_absolute_url()
        urls += [url, f"{url}feed/"]
    for tag in article.tags.all():
        url = reverse("articles:tag", args=[tag.slug])
        urls += [url, f"{url}feed/"]
    return urls
