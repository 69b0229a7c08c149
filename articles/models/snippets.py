"""People and things editors reuse across articles."""

from functools import lru_cache

from django.conf import settings
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class Author(index.Indexed, ClusterableModel):
    """A journalist or contributor who can be credited in bylines."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in the author page's address."
    )
    role = models.CharField(
        max_length=120, blank=True, help_text="e.g. “Foreign affairs reporter”"
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = RichTextField(features=["bold", "italic", "link"], blank=True)
    email = models.EmailField(blank=True, help_text="Public contact address, if any.")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("email"),
        InlinePanel("links", label="Links"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return author_url(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), self.slug)


# Bylines link to their authors on every card (some fifty in a cold home
# page), and a reverse() costs more than the rest of a byline: each author's
# URL is remembered, by the URLconf and script prefix it was reversed with.
AUTHOR_URLS_KEPT = 4096


@lru_cache(maxsize=AUTHOR_URLS_KEPT)
def author_url(urlconf: str, script_prefix: str, slug: str) -> str:
    """The author page's URL for ``slug`` (reversed under ``script_prefix``,
    the current one: it is part of the key only)."""
    return reverse("articles:author", urlconf=urlconf, kwargs={"slug": slug})


class AuthorLink(Orderable):
    author = ParentalKey(Author, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=60, help_text="e.g. “Bluesky”, “Website”")
    url = models.URLField()

    panels = [FieldPanel("label"), FieldPanel("url")]
