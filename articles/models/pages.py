"""Wagtail page types of the reader site.

Tree: Root → HomePage → SectionPage → ArticlePage, and HomePage → StandardPage
(About, Ethics policy, …). Author and tag pages are plain views over these
pages (see ``articles.views``).
"""

from django.db import models
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey

from articles import feeds, json_ld, listings, seo, site
from articles.blocks import StandardBodyBlock
from articles.cache import generations
from articles.models.articles import ArticlePage
from articles.models.base import BasePage
from articles.routing import ArticlesInOneQuery, SectionsFromCache


class HomePage(SectionsFromCache, BasePage):
    """The front page: one per site, directly under the tree root."""

    intro = models.CharField(
        max_length=255,
        blank=True,
        help_text="One line under the site name, e.g. the newsroom's mission.",
    )
    lead_story = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The story at the top. Empty means the newest article.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        PageChooserPanel("lead_story", "articles.ArticlePage"),
        InlinePanel(
            "top_stories",
            label="Top stories",
            max_num=6,
            help_text="Shown in this order under the lead; empty places fill with the newest.",
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage", "articles.StandardPage", "articles.LiveBlogPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # The listing is a cached fragment (home_page.html): its queries run
        # only when the fragment is missing, i.e. after any article changed.
        context["front"] = SimpleLazyObject(
            lambda: listings.front_page(self, ArticlePage.objects.public())
        )
        context["cards_generation"] = generations.cards_generation()
        return context

    def update_meta(self, request: HttpRequest, meta: seo.PageMeta, context: dict) -> None:
        meta.title = self.seo_title or meta.site_name
        _, site_settings = site.identity(request)
        meta.description = meta.description or getattr(site_settings, "tagline", "")

    def structured_data(
        self, request: HttpRequest, meta: seo.PageMeta, logo, context: dict
    ) -> list[dict]:
        return json_ld.website(request, logo)


class HomeTopStory(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="top_stories")
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("article", "articles.ArticlePage")]


class SectionPage(ArticlesInOneQuery, RoutablePageMixin, BasePage):
    """A news section (World, Politics, …) listing its articles, newest first."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage", "articles.LiveBlogPage"]

    class Meta:
        verbose_name = "section"

    @path("")
    def index_route(self, request: HttpRequest, *args, **kwargs):
        page_obj = listings.paginate(
            listings.section_pages(self, ArticlePage), request, ArticlePage.objects
        )
        response = self.render(request, context_overrides={"page_obj": page_obj})
        return self.mark_public(request, response, reads=("page",))

    @path("feed/")
    def feed_route(self, request: HttpRequest):
        return self.mark_public(request, feeds.SectionFeed()(request, section=self))

    def structured_data(
        self, request: HttpRequest, meta: seo.PageMeta, logo, context: dict
    ) -> list[dict]:
        crumbs = [json_ld.home_crumb(request), (self.title, self.get_full_url(request))]
        return [json_ld.breadcrumbs(crumbs)]


class StandardPage(BasePage):
    """A standing page: About, Ethics policy, Corrections policy, Contact."""

    intro = models.TextField(blank=True, max_length=500)
    body = StreamField(StandardBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["articles.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "standard page"
