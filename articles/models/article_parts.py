"""An article's own rows: its tags, bylines, related links and corrections
(edited inline with the article, ``articles.models.articles``)."""

from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

ARTICLE = "articles.ArticlePage"


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(ARTICLE, on_delete=models.CASCADE, related_name="tagged_items")


class ArticleByline(Orderable):
    page = ParentalKey(ARTICLE, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("articles.Author", on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(
        max_length=80, blank=True, help_text="Role on this piece, e.g. “additional reporting”."
    )

    panels = [FieldPanel("author"), FieldPanel("role")]


class ArticleRelated(Orderable):
    page = ParentalKey(ARTICLE, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(ARTICLE, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("article", "articles.ArticlePage")]


class ArticleCorrection(Orderable):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    page = ParentalKey(ARTICLE, on_delete=models.CASCADE, related_name="corrections")
    date = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(max_length=1000)

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("text")]
