"""What every reader-facing page type shares: its share image, cached view
restrictions, the cache generation of its fragments, its public marking and
its head meta (``get_meta``, ``structured_data``: each type answers for its own)."""

from django.db import models
from django.http import HttpRequest

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from articles import seo
from articles.cache import generations, lookups


class BasePage(Page):
    """Fields every reader-facing page shares."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared; defaults to the lead image or the site's.",
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

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
        behind a view restriction (``articles.cache``); ``reads``: the query
        parameters the view reads."""
        if getattr(request, "is_preview", False) or response.status_code != 200:
            return response
        if self.get_view_restrictions():
            return response
        return generations.mark_public(response, generations.page_scope(self.pk), reads=reads)

    def get_meta(self, request: HttpRequest, context: dict) -> seo.PageMeta:
        """What the page tells search engines and social networks (its head
        meta and JSON-LD), from the context its template renders with."""
        meta, logo = seo.page_meta(request, self, context)
        self.update_meta(request, meta, context)
        meta.structured_data = self.structured_data(request, meta, logo, context)
        return meta

    def update_meta(self, request: HttpRequest, meta: seo.PageMeta, context: dict) -> None:
        """Complete ``meta`` with what this page type knows (nothing here)."""

    def structured_data(
        self, request: HttpRequest, meta: seo.PageMeta, logo, context: dict
    ) -> list[dict]:
        """The page's JSON-LD objects (none here)."""
        return []
