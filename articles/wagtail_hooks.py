"""Wagtail hooks of the articles app: the "Paste or import a story" page and
its buttons (on a section: a new draft; on an article: replace the body)."""

from typing import Any

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.widgets import Button

from articles.models import ArticlePage, SectionPage
from articles.story_import.views import story_import


@hooks.register("register_admin_urls")
def register_story_import_url() -> list[Any]:
    return [path("story-import/<int:page_id>/", story_import, name="story_import")]


@hooks.register("register_page_header_buttons")
def story_import_button(page: Any, user: Any, view_name: str = "", next_url: str = "") -> Any:
    specific_class = page.specific_class
    if specific_class is SectionPage and page.permissions_for_user(user).can_add_subpage():
        label = "Paste or import a story"
    elif specific_class is ArticlePage and page.permissions_for_user(user).can_edit():
        label = "Replace the body with a pasted story"
    else:
        return
    yield Button(label, reverse("story_import", args=[page.pk]), icon_name="doc-full", priority=15)
