"""After "Approve and Publish" on the edit screen, Wagtail's message says the
page "has been updated"; it was published, and the message says so."""

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext

from wagtail.admin import messages as admin_messages
from wagtail.models import Page


def say_published_after_approval(request: HttpRequest, page: Page) -> None:
    """Replace Wagtail's "updated" message when the approval published the page
    (the last task approved: the page is live and its workflow is over)."""
    if request.POST.get("workflow-action-name") != "approve":
        return
    page.refresh_from_db()
    if not page.live or page.has_unpublished_changes or page.workflow_in_progress:
        return
    title = page.get_admin_display_title()
    # Wagtail's own message, as its edit view renders it.
    updated = admin_messages.render(
        gettext("Page '%(page_title)s' has been updated.") % {"page_title": title}, None
    )
    kept = [message for message in messages.get_messages(request) if message.message != updated]
    for message in kept:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    admin_messages.success(
        request,
        f"Page '{title}' has been approved and published.",
        buttons=[admin_messages.button(page.url, "View live", new_window=False)],
    )
