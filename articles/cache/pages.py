"""What the page cache asks of every reader page type (``BasePage`` mixes it in).

A page's view restrictions come from the cached list of restricted paths, its
fragments are keyed by its generation (``page_generation`` in its context),
and its response is marked public (stored for anonymous readers, sent with a
CDN ``Cache-Control``) unless it is a preview or behind a restriction.
"""

from django.http import HttpRequest

from articles.cache import generations, lookups


class CachedPage:
    """A mixin for Wagtail ``Page`` subclasses."""

    def get_view_restrictions(self):
        """Wagtail's, answered from the cached list of restricted paths (no
        query when nothing restricts the page); aliases resolve as Wagtail does."""
        if self.alias_of_id:
            return super().get_view_restrictions()
        return lookups.restrictions_for(self)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # Key part for cached fragments of this page (its head meta, an
        # article's text): changes when the page or anything site-wide is purged.
        context["page_generation"] = generations.fragment_generation(
            generations.page_scope(self.pk)
        )
        return context

    def serve(self, request: HttpRequest, *args, **kwargs):
        return self.mark_public(request, super().serve(request, *args, **kwargs))

    def mark_public(self, request: HttpRequest, response, reads: tuple[str, ...] = ()):
        """The same page for every anonymous reader, unless it is a preview or
        behind a view restriction; ``reads``: the query parameters the view reads."""
        if getattr(request, "is_preview", False) or response.status_code != 200:
            return response
        if self.get_view_restrictions():
            return response
        return generations.mark_public(response, generations.page_scope(self.pk), reads=reads)
