"""Wagtail page types of the reader site.

Tree: Root → HomePage → SectionPage → ArticlePage, and HomePage → StandardPage
(About, Ethics policy, …). Author and tag pages are plain views over these
pages (see ``articles.views``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey

from articles import feeds, fronts, json_ld, listings, seo, site
from articles.blocks import FrontSectionsBlock, StandardBodyBlock
from articles.cache import generations
from articles.models.articles import ArticlePage
from articles.models.base import BasePage
from articles.routing import ArticlesInOneQuery, SectionsFromCache


def validate_link(value: str) -> None:
    """A path on this site ("/world/…") or a full http(s) address."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(
        schemes=["http", "https"],
        message="Enter a full address (https://…) or a path on this site starting with “/”.",
    )(value)


class HomePageForm(WagtailAdminPageForm):
    """The home page's edit form: a strip switched on with its end time
    already past is refused here, not in the model, so a revision scheduled
    before that time still publishes after it (the strip just stays hidden)."""

    def clean(self) -> dict:
        cleaned = super().clean()
        until = cleaned.get("breaking_until")
        if cleaned.get("breaking_on") and until and until <= timezone.now():
            self.add_error(
                "breaking_until", "This time has passed: pick a later one, or leave it empty."
            )
        return cleaned


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
    front_sections = StreamField(
        FrontSectionsBlock(),
        blank=True,
        help_text="The section blocks under the top stories, in this order, each in the "
        "layout you pick. Empty: every section, in the menu's order, as a lead and a list.",
    )
    breaking_on = models.BooleanField(
        "show the breaking-news strip",
        default=False,
        help_text="A strip above the lead story; switch it off when the news is no longer new.",
    )
    breaking_text = models.CharField("breaking news", max_length=160, blank=True)
    breaking_link = models.CharField(
        "link",
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text="Where the strip leads: a path on this site (/world/…) or a full address.",
    )
    breaking_until = models.DateTimeField(
        "hide after",
        null=True,
        blank=True,
        help_text="Optional: the strip goes away by itself after this time (within the page "
        "cache's ten minutes). Empty: until you switch it off.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("breaking_on"),
                FieldPanel("breaking_text"),
                FieldPanel("breaking_link"),
                FieldPanel("breaking_until"),
            ],
            "Breaking news",
        ),
        PageChooserPanel("lead_story", "articles.ArticlePage"),
        InlinePanel(
            "top_stories",
            label="Secondary stories",
            max_num=fronts.SECONDARY_STORIES,
            help_text="Shown in this order beside the lead; empty places fill with the newest.",
        ),
        FieldPanel("front_sections"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage", "articles.StandardPage", "articles.LiveBlogPage"]
    max_count = 1
    base_form_class = HomePageForm

    class Meta:
        verbose_name = "home page"

    def clean(self) -> None:
        super().clean()
        if not self.breaking_on:
            return
        if not self.breaking_text.strip():
            raise ValidationError(
                {"breaking_text": "Write the breaking news, or switch the strip off."}
            )

    @property
    def breaking_news(self) -> bool:
        """Whether the strip shows now: switched on and not past its time."""
        return self.breaking_on and (
            self.breaking_until is None or timezone.now() < self.breaking_until
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # The listing is a cached fragment (home_page.html): its queries run
        # only when the fragment is missing, i.e. after any article changed.
        context["front"] = SimpleLazyObject(
            lambda: fronts.front_page(self, ArticlePage.objects.public())
        )
        context["cards_generation"] = generations.cards_generation()
        # The Latest rail shows today's times as "14:05", older ones as dates:
        # its fragment is keyed by the day too.
        context["today"] = timezone.localdate()
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
