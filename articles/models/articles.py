"""Articles: the news story page type and the queryset every listing starts
from (its bylines, related links, corrections and tags: ``article_parts``)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject, cached_property

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from taggit.models import Tag

from articles import alt_text, json_ld, listings, seo, site
from articles.blocks import ArticleBodyBlock
from articles.cache import generations, lookups
from articles.image_specs import CARD_RENDITIONS
from articles.models import rows
from articles.models.article_parts import (
    ArticleByline,
    ArticleCorrection,
    ArticlePageTag,
)
from articles.models.base import BasePage
from articles.page_urls import UrlFromSection
from articles.reading import reading_minutes

WORDS_PER_MINUTE = 230
CORRECTION_FIELDS = {name: name for name in ("id", "sort_order", "date", "kind", "text")}
TAG_FIELDS = {"id": "tag_id", "name": "tag__name", "slug": "tag__slug"}


class ArticlePageQuerySet(PageQuerySet):
    def public(self) -> "ArticlePageQuerySet":
        """Live articles outside any view restriction (the restricted paths come
        from the cache: ``articles.cache.lookups``)."""
        private = lookups.private_q()
        live = self.live()
        return live.exclude(private) if private is not None else live

    def with_corrections_and_tags(self) -> "ArticlePageQuerySet":
        """Each article's corrections and tags in its own row (``rows``): the
        article page shows both, and reads them without a query of its own."""
        return self.annotate(
            correction_rows=rows.json_rows(ArticleCorrection.objects, "page", **CORRECTION_FIELDS),
            tag_rows=rows.json_rows(ArticlePageTag.objects, "content_object", **TAG_FIELDS),
        )

    def with_card_data(self) -> "ArticlePageQuerySet":
        """What a card shows, for the whole list at once: lead images joined to
        the articles, bylines with their authors (one query), the lead images'
        card renditions (one; Wagtail's ``prefetch_renditions`` by the lead
        image, whose row came with the article)."""
        renditions = get_image_model().get_rendition_model().objects
        return (
            self.select_related("lead_image")
            .prefetch_related(
                Prefetch("bylines", queryset=ArticleByline.objects.select_related("author")),
                Prefetch(
                    "lead_image__renditions",
                    queryset=renditions.filter(filter_spec__in=CARD_RENDITIONS),
                    to_attr="prefetched_renditions",
                ),
            )
            .defer_streamfields()
        )


class ArticlePage(UrlFromSection, BasePage):
    """A news story, analysis or opinion piece (its URL: ``articles.page_urls``)."""

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
    lead_image_alt = models.CharField(
        "alt text", max_length=250, blank=True, help_text=alt_text.ALT_HELP
    )
    lead_image_decorative = models.BooleanField(
        "decorative", default=False, help_text=alt_text.DECORATIVE_HELP
    )
    lead_image_caption = models.CharField(max_length=300, blank=True)
    lead_image_credit = models.CharField(max_length=120, blank=True)
    body = StreamField(
        ArticleBodyBlock(),
        help_text="The site adds the membership appeal to every article (at the end, or where "
        "you place an appeal marker): leave out the story's own “support us” lines.",
    )
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
                FieldPanel("lead_image_alt"),
                FieldPanel("lead_image_decorative"),
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

    # Articles are never in menus: no "Show in menus" box for them.
    promote_panels = [Page.promote_panels[0], FieldPanel("social_image")]

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

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    class Meta:
        verbose_name = "article"

    def save(self, *args, **kwargs):
        self.reading_minutes = reading_minutes(self.body, self.standfirst, WORDS_PER_MINUTE)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if alt_text.is_missing(self.lead_image, self.lead_image_alt, self.lead_image_decorative):
            raise ValidationError({"lead_image_alt": alt_text.MISSING})

    @property
    def lead_image_alt_text(self) -> str:
        return alt_text.alt_for(self.lead_image, self.lead_image_alt, self.lead_image_decorative)

    @property
    def is_opinion(self) -> bool:
        return self.kicker == self.Kicker.OPINION

    @property
    def kicker_label(self) -> str:
        return self.get_kicker_display() if self.kicker else ""

    @cached_property
    def section(self) -> BasePage | None:  # its SectionPage
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def canonical_url(self) -> str:
        return self.source_url or self.full_url

    @cached_property
    def correction_list(self) -> list["ArticleCorrection"]:
        """The corrections log, loaded once for the page, its head and its JSON-LD
        (with the page when it was: ``with_corrections_and_tags``)."""
        found = rows.loaded(self, "correction_rows", ArticleCorrection, "sort_order")
        return found if found is not None else list(self.corrections.all())

    @cached_property
    def tag_list(self) -> list:
        tags = rows.loaded(self, "tag_rows", Tag)
        return sorted(self.tags.all() if tags is None else tags, key=lambda tag: tag.name.lower())

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

    def get_meta(self, request: HttpRequest, context: dict) -> seo.PageMeta:
        bylines = context.get("bylines")
        if bylines is None:
            bylines = list(self.bylines.select_related("author"))
        # The meta reads the page number and the bylines (a template context
        # is not a mapping to copy: pass on just those).
        return super().get_meta(request, {"page_obj": context.get("page_obj"), "bylines": bylines})

    def update_meta(self, request: HttpRequest, meta: seo.PageMeta, context: dict) -> None:
        section = self.section
        meta.canonical = self.canonical_url
        meta.og_type = "article"
        meta.published = self.first_published_at
        meta.modified = self.date_modified or self.last_published_at
        meta.authors = [
            site.absolute(request, b.author.get_absolute_url()) for b in context["bylines"]
        ]
        meta.section = section.title if section else ""
        meta.tags = [tag.name for tag in self.tag_list]

    def structured_data(
        self, request: HttpRequest, meta: seo.PageMeta, logo, context: dict
    ) -> list[dict]:
        section = self.section
        article = json_ld.news_article(
            request, self, context["bylines"], meta.image, logo, section, meta.modified
        )
        crumbs = [json_ld.home_crumb(request)]
        if section:
            crumbs.append((section.title, section.get_full_url(request)))
        crumbs.append((self.title, self.get_full_url(request)))
        return [article, json_ld.breadcrumbs(crumbs)]
