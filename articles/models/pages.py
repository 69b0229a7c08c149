"""Wagtail page types of the reader site."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The front page: one per site, directly under the tree root."""

    intro = models.CharField(
        max_length=255,
        blank=True,
        help_text="One line under the site name, e.g. the newsroom's mission.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "home page"
