"""Routing shortcuts for the reader tree (Home → Section → Article).

Wagtail routes a path one level at a time, each step two queries (the child,
then its specific page). Cached pages never get here (the page cache answers
first), but every rendered page does: signed-in readers, members, and the
first reader after a purge. These mixins save those queries: a section comes
from the cached live sections (no query), an article is loaded with its lead
image, its corrections and its tags in one query by its section's path
range and slug, and knows its section without looking it up
(``tests/articles/test_query_counts.py``). The article so loaded is kept in
the cache under the articles' generation (any article's publish, and
anything site-wide, gives it a new key), so a rendered article runs no query
at all: building that one query cost more than the rest of routing.
Anything else is routed as Wagtail does.
"""

from django.core.cache import cache
from django.http import Http404, HttpRequest

from articles import listings, wagtail_adapter
from articles.cache import generations, lookups
from articles.models.articles import ArticlePage


class SectionsFromCache:
    """For the home page: its live sections come from the cache."""

    def route(self, request: HttpRequest, path_components: list[str]):
        if path_components:
            section = lookups.live_sections_by_slug(self).get(path_components[0])
            if section is not None:
                wagtail_adapter.set_parent(section, self)
                return section.route(request, path_components[1:])
        return super().route(request, path_components)


class ArticlesInOneQuery:
    """For a section (a ``RoutablePageMixin`` page): an article in one query."""

    def route(self, request: HttpRequest, path_components: list[str]):
        if len(path_components) == 1 and not self._own_route(path_components[0]):
            article = self._article(path_components[0])
            if article is not None:  # else not an article: Wagtail's routing decides
                wagtail_adapter.set_parent(article, self)
                wagtail_adapter.set_cached_property(article, "section", self)
                return article.route(request, [])
        result = super().route(request, path_components)
        if isinstance(result.page, ArticlePage):
            # The article's section is this page: save it the look-up.
            wagtail_adapter.set_cached_property(result.page, "section", self)
        return result

    def _article(self, slug: str) -> ArticlePage | None:
        """The article at ``slug`` in this section, from the cache or in one query
        (kept only when found: a flood of unknown paths stores nothing)."""
        key = generations.generation_key("article", self.pk, slug, scopes=(generations.ARTICLES,))
        found = generations.read([key]).get(key)
        if found is not None:
            return found
        articles = ArticlePage.objects.select_related("lead_image").with_corrections_and_tags()
        try:
            article = articles.get(listings.children_q(self), slug=slug)
        except ArticlePage.DoesNotExist:
            return None
        cache.set(key, article, lookups.TIMEOUT)
        return article

    def _own_route(self, component: str) -> bool:
        """Whether ``/<component>/`` is one of this section's own views (its feed)."""
        try:
            self.resolve_subpage(f"/{component}/")
        except Http404:
            return False
        return True
