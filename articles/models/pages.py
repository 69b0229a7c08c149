"""Wagtail page types of the reader site.

Tree: Root → HomePage → SectionPage → ArticlePage, and HomePage → StandardPage
(About, Ethics policy, …). Author and tag pages are plain views over these
pages (see ``articles.views``).
"""

from datetime import datetime

from django.db import models
from django.http import Http404, HttpRequest
from django.utils.functional import SimpleLazyObject, cached_property

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from articles import listings, wagtail_adapter
from articles.blocks import ArticleBodyBlock, StandardBodyBlock
from articles.cache import generations, lookups
from articles.reading import reading_minutes

WORDS_PER_MINUTE = 230


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
        behind a view restriction (articles.cache); ``reads``: the query
        parameters the view reads."""
        if getattr(request, "is_preview", False) or response.status_code != 200:
            return response
        if self.get_view_restrictions():
            return response
        return generations.mark_public(response, generations.page_scope(self.pk), reads=reads)


class HomePage(BasePage):
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
    subpage_types = ["articles.SectionPage", "articles.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def route(self, request: HttpRequest, path_components: list[str]):
        # A live section comes from the cache (articles.cache.lookups) instead of two
        # queries (the child, then its specific page); anything else is routed
        # as Wagtail does.
        if path_components:
            section = lookups.live_sections_by_slug(self).get(path_components[0])
            if section is not None:
                wagtail_adapter.set_parent(section, self)
                return section.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # The listing is a cached fragment (home_page.html): its queries run
        # only when the fragment is missing, i.e. after any article changed.
        context["front"] = SimpleLazyObject(lambda: listings.front_page(self))
        context["cards_generation"] = generations.cards_generation()
        return context


class HomeTopStory(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="top_stories")
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("article", "articles.ArticlePage")]


class SectionPage(RoutablePageMixin, BasePage):
    """A news section (World, Politics, …) listing its articles, newest first."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = "section"

    def route(self, request: HttpRequest, path_components: list[str]):
        if len(path_components) == 1 and not self._own_route(path_components[0]):
            # An article: its specific page in one query, not two (the child,
            # then its specific page) as Wagtail's Page.route would.
            articles = ArticlePage.objects.select_related("lead_image")
            try:
                article = articles.get(listings.children_q(self), slug=path_components[0])
            except ArticlePage.DoesNotExist:
                pass  # not an article: Wagtail's routing decides
            else:
                wagtail_adapter.set_parent(article, self)
                wagtail_adapter.set_cached_property(article, "section", self)
                return article.route(request, [])
        result = super().route(request, path_components)
        if isinstance(result.page, ArticlePage):
            # The article's section is this page: save it the look-up.
            wagtail_adapter.set_cached_property(result.page, "section", self)
        return result

    def _own_route(self, component: str) -> bool:
        """Whether ``/<component>/`` is one of this section's own views (its feed)."""
        try:
            self.resolve_subpage(f"/{component}/")
        except Http404:
            return False
        return True

    @path("")
    def index_route(self, request: HttpRequest, *args, **kwargs):
        page_obj = listings.paginate(listings.section_pages(self), request)
        response = self.render(request, context_overrides={"page_obj": page_obj})
        return self.mark_public(request, response, reads=("page",))

    @path("feed/")
    def feed_route(self, request: HttpRequest):
        from articles.feeds import SectionFeed  # feeds import the page models

        return self.mark_public(request, SectionFeed()(request, section=self))


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(BasePage):
    """A news story, analysis or opinion piece."""

    class Kicker(models.TextChoices):
        NEWS = "", "News"
        ANALYSIS = "analysis", "Analysis"
        OPINION = "opinion", "Opinion"
        EXPLAINER = "explainer", "Explainer"
        INTERVIEW = "interview", "Interview"
        FEATURE = "feature", "Feature"
        INVESTIGATION = "investigation", "Investigation"

    standfirst = models.TextField(
        max_length=400, help_text="One sentence that sums the story up, shown under the headline."
    )
    kicker = models.CharField(
        "label",
        max_length=20,
        choices=Kicker.choices,
        default=Kicker.NEWS,
        blank=True,
        help_text="Shown above the headline; opinion pieces are always labelled.",
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_caption = models.CharField(max_length=300, blank=True)
    lead_image_credit = models.CharField(max_length=120, blank=True)
    body = StreamField(ArticleBodyBlock())
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    updated_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set when the story was substantially updated after publication.",
    )
    source_name = models.CharField(
        "originally published by",
        max_length=120,
        blank=True,
        help_text="For syndicated pieces: the original publisher.",
    )
    source_url = models.URLField(
        "original URL", blank=True, help_text="Becomes the page's canonical link."
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    content_panels = [
        FieldPanel("kicker"),
        *Page.content_panels,
        FieldPanel("standfirst"),
        InlinePanel("bylines", label="Bylines", min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            "Lead image",
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel("related_links", label="Related articles", max_num=4),
        InlinePanel("corrections", label="Corrections and updates"),
        MultiFieldPanel(
            [FieldPanel("updated_at"), FieldPanel("source_name"), FieldPanel("source_url")],
            "Updates and syndication",
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields(
            "bylines", [index.RelatedFields("author", [index.SearchField("name")])]
        ),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("first_published_at"),
    ]

    parent_page_types = ["articles.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "article"

    def save(self, *args, **kwargs):
        self.reading_minutes = reading_minutes(self.body, self.standfirst, WORDS_PER_MINUTE)
        super().save(*args, **kwargs)

    @property
    def is_opinion(self) -> bool:
        return self.kicker == self.Kicker.OPINION

    @property
    def kicker_label(self) -> str:
        return self.get_kicker_display() if self.kicker else ""

    @cached_property
    def section(self) -> "SectionPage | None":
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def canonical_url(self) -> str:
        return self.source_url or self.full_url

    @cached_property
    def correction_list(self) -> list["ArticleCorrection"]:
        """The corrections log, loaded once for the page, its head and its JSON-LD."""
        return list(self.corrections.all())

    @cached_property
    def tag_list(self) -> list:
        return sorted(self.tags.all(), key=lambda tag: tag.name.lower())

    @property
    def date_modified(self) -> datetime | None:
        """When readers last saw a change: an update or correction, else publication."""
        dates = [self.first_published_at, self.updated_at]
        dates += [c.date for c in self.correction_list]
        dates = [d for d in dates if d]
        return max(dates) if dates else None

    @property
    def table_of_contents(self) -> list[dict[str, str]]:
        headings = [
            {"anchor": child.value.anchor_id, "heading": child.value["heading"]}
            for child in self.body
            if child.block_type == "section_heading"
        ]
        return headings if len(headings) >= 3 else []

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # The article and its "Related" box are cached fragments
        # (article_page.html): their queries run only when a fragment is
        # missing, i.e. after this article (the page generation) or any
        # article (the cards' generation) was published.
        context["bylines"] = SimpleLazyObject(
            lambda: list(self.bylines.select_related("author", "author__photo"))
        )
        context["related"] = SimpleLazyObject(lambda: listings.related_articles(self))
        context["cards_generation"] = generations.cards_generation()
        return context


class ArticleByline(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("articles.Author", on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(
        max_length=80, blank=True, help_text="Role on this piece, e.g. “additional reporting”."
    )

    panels = [FieldPanel("author"), FieldPanel("role")]


class ArticleRelated(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("article", "articles.ArticlePage")]


class ArticleCorrection(Orderable):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    date = models.DateTimeField()
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(max_length=1000)

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("text")]


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
