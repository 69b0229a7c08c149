"""What every reader-facing page type shares: its share image, what the page
cache asks of it (``articles.cache.pages``) and its head meta (``get_meta``,
``structured_data``: each type answers for its own)."""

from django.db import models
from django.http import HttpRequest

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from articles import seo
from articles.cache.pages import CachedPage
from articles.editing.schedule import SchedulePanel
from articles.wagtail_adapter import CappedAutoSlug


class BasePage(CappedAutoSlug, CachedPage, Page):
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
    # Wagtail's schedule dialog, saying which time zone its times are in.
    settings_panels = [SchedulePanel(), *Page.settings_panels[1:]]

    class Meta:
        abstract = True

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
