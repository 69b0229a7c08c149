"""The newsletters in Wagtail's admin: lists, issues (with HTML and text
previews), subscribers, and the send page (test, send now, schedule, progress,
retry). Registered from ``membership.wagtail_hooks``."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from membership.newsletters import audience, sending
from membership.newsletters.issues import Delivery, Issue
from membership.newsletters.models import Newsletter, Subscriber

FAILURES = 20  # failed deliveries listed on the send page


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = "Newsletters"
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["name", "slug", "audience", "cadence", "active"]
    list_filter = ["audience", "active"]


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "doc-full-inverse"
    menu_label = "Newsletter issues"
    add_to_admin_menu = True
    menu_order = 321
    list_display = ["subject", "newsletter", "status", "send_at", "sent_at"]
    list_filter = ["newsletter", "status"]


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = "Newsletter subscribers"
    add_to_admin_menu = True
    menu_order = 322
    list_display = ["email", "name", "suppressed", "created_at"]
    list_filter = ["suppressed"]
    search_fields = ["email", "name"]


register_snippet(NewsletterViewSet)
register_snippet(IssueViewSet)
register_snippet(SubscriberViewSet)


def _require_sender(request: HttpRequest) -> None:
    if not request.user.has_perm("membership.change_issue"):
        raise PermissionDenied


def issues(request: HttpRequest) -> HttpResponse:
    _require_sender(request)
    rows = Issue.objects.select_related("newsletter").annotate(
        sent=Count("deliveries", filter=Q(deliveries__status="sent")),
        failed=Count("deliveries", filter=Q(deliveries__status="failed")),
    )[:100]
    return TemplateResponse(request, "membership/newsletters/admin/issues.html", {"issues": rows})


def send(request: HttpRequest, pk: int) -> HttpResponse:
    """One issue: preview links, audience size, progress, and the actions."""
    _require_sender(request)
    issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)
    if request.method == "POST":
        return _act(request, issue)
    context = {
        **_progress(issue),
        "audience": audience.recipients(issue.newsletter).count(),
        "edit_url": reverse(IssueViewSet().get_url_name("edit"), args=[issue.pk]),
    }
    return TemplateResponse(request, "membership/newsletters/admin/send.html", context)


def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The send page's progress alone, for its polling script."""
    _require_sender(request)
    issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)
    return TemplateResponse(
        request, "membership/newsletters/admin/progress.html", _progress(issue)
    )


def _progress(issue: Issue) -> dict:
    counts = sending.progress(issue)
    counts["percent"] = counts["sent"] * 100 // counts["total"] if counts["total"] else 0
    failures = issue.deliveries.filter(status=Delivery.Status.FAILED).select_related("subscriber")
    return {"issue": issue, "progress": counts, "failures": failures.order_by("pk")[:FAILURES]}


def _act(request: HttpRequest, issue: Issue) -> HttpResponse:
    action = request.POST.get("action")
    here = redirect("newsletter_admin:send", pk=issue.pk)
    if action == "test":
        sending.send_test(issue, request.user.email)
        messages.success(request, f"A test was sent to {request.user.email}.")
    elif action == "send":
        created = sending.start(issue)
        messages.success(request, f"Sending to {created} recipients." if created else "Resumed.")
    elif action == "schedule":
        when = _parse_when(request.POST.get("send_at", ""))
        if when is None or when <= timezone.now():
            messages.error(request, "Give a date and time in the future (YYYY-MM-DD HH:MM, UTC).")
            return here
        Issue.objects.filter(pk=issue.pk, status__in=("draft", "ready", "scheduled")).update(
            status=Issue.Status.SCHEDULED, send_at=when
        )
        messages.success(request, f"Scheduled for {when:%Y-%m-%d %H:%M} UTC.")
    elif action == "retry":
        messages.success(request, f"{sending.retry_failed(issue)} failed deliveries queued again.")
    else:
        messages.error(request, "Unknown action.")
    return here


def _parse_when(value: str):
    try:
        when = parse_datetime(value.strip()[:40])
    except ValueError:
        return None
    if when is not None and timezone.is_naive(when):
        when = timezone.make_aware(when, datetime.UTC)
    return when


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    patterns = [
        path("", issues, name="issues"),
        path("<int:pk>/send/", send, name="send"),
        path("<int:pk>/progress/", progress, name="progress"),
    ]
    return [path("newsletters/send/", include((patterns, "newsletter_admin")))]


class SendMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("membership.change_issue")


@hooks.register("register_admin_menu_item")
def register_send_menu_item():
    return SendMenuItem(
        "Send newsletters", reverse("newsletter_admin:issues"), icon_name="mail", order=323
    )
