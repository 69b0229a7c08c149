"""The live pages' admin: the posting screen's URLs and a "Post updates"
button on live pages (imported by ``ArticlesConfig.ready``)."""

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.widgets.button import Button, ListingButton

from articles.live import admin_views
from articles.live.models import LiveBlogPage


@hooks.register("register_admin_urls")
def register_live_urls():
    patterns = [
        path("<int:page_id>/", admin_views.post_screen, name="post"),
        path("entry/<int:entry_id>/edit/", admin_views.edit_entry, name="edit"),
        path("entry/<int:entry_id>/delete/", admin_views.delete_entry, name="delete"),
    ]
    return [path("live/", include((patterns, "live_entries")))]


def _can_post(page, user) -> bool:
    live = issubclass(page.specific_class or type(page), LiveBlogPage)
    return live and page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def live_header_button(page, user, view_name=None, next_url=None):
    if _can_post(page, user):
        button = Button(
            "Post updates", reverse("live_entries:post", args=[page.pk]), icon_name="edit"
        )
        button.allow_in_dropdown = True
        yield button


@hooks.register("register_page_listing_buttons")
def live_listing_button(page, user, next_url=None):
    if _can_post(page, user):
        yield ListingButton(
            "Post updates", reverse("live_entries:post", args=[page.pk]), priority=5
        )
