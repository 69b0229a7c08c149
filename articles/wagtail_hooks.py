"""Wagtail hooks of the articles app: page links in rich text
(``articles.rich_text``), the "Paste or import a story" page and
its buttons (on a section: a new draft; on an article: replace the body), a
correction in one step, Authors with a "New author" tab in the byline chooser,
the "published" message after approval, and the editor's own JS and CSS."""

from typing import Any

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.snippets.models import register_snippet

from articles import rich_text
from articles.editing.approval import say_published_after_approval
from articles.editing.authors import AuthorViewSet
from articles.editing.corrections import add_correction
from articles.models import ArticlePage, SectionPage
from articles.story_import.views import story_import

register_snippet(AuthorViewSet)


class PageLinks(PageLinkHandler):
    """Wagtail's page links, their pages loaded as generic pages, and not at
    all when the rich text being rendered knows them (``articles.rich_text``)."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Page | None]:
        ids = [rich_text.page_id(attrs.get("id")) for attrs in attrs_list]
        known = rich_text.known_pages()
        missing = {pk for pk in ids if pk is not None and pk not in known}
        if missing:
            known = {**known, **rich_text.load_pages(missing)}
        return [known.get(pk) for pk in ids]


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own (order 0)
def register_page_links(features) -> None:
    """Page links in rich text load generic pages, a body's at once (``articles.rich_text``)."""
    features.register_link_type(PageLinks)


hooks.register("after_edit_page", say_published_after_approval)


@hooks.register("register_admin_urls")
def register_story_import_url() -> list[Any]:
    return [
        path("story-import/<int:page_id>/", story_import, name="story_import"),
        path("articles/<int:page_id>/correction/", add_correction, name="add_correction"),
    ]


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


@hooks.register("register_page_header_buttons")
def correction_button(page: Any, user: Any, view_name: str = "", next_url: str = "") -> Any:
    is_live_article = page.specific_class is ArticlePage and page.live
    if is_live_article and page.permissions_for_user(user).can_publish():
        url = reverse("add_correction", args=[page.pk])
        yield Button("Add a correction", url, icon_name="warning", priority=16)


@hooks.register("insert_editor_js")
def editor_js() -> str:
    return format_html('<script src="{}"></script>', static("js/editor.js"))


@hooks.register("insert_global_admin_css")
def editor_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("css/editor.css"))


@hooks.register("construct_image_chooser_queryset")
def only_images_articles_can_show(images, request):
    """The image chooser offers raster images only: reader pages make AVIF,
    WebP and JPEG renditions of a chosen image, which Wagtail cannot make from
    an SVG (the demo's logo and icon, set in the site settings)."""
    return images.exclude(file__endswith=".svg")
