"""Newsletter numbers for the audience team (Reports menu; CSV and XLSX like the others):

* Newsletters: subscribed, pending, unsubscribed and suppressed now, the
  confirmations and unsubscribes of the last 30 days, and the members who
  joined from one of its links (and how many of them are members now), per list.
* Newsletter issues: recipients, sent, failed, bounced, complained, the
  unsubscribes and confirmations of that list in the 7 days after it went out,
  and the members who joined from the issue's links.

"Joined from" is the attribution the join page read from the link
(``membership.newsletters.campaign``) and the webhook recorded on the
membership: distinct members whose membership began.
"""

import datetime

from django.db.models import Count, DateTimeField, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import include, path, reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from membership.models import Membership
from membership.newsletters.issues import Issue
from membership.newsletters.models import Newsletter, Subscription
from membership.reports.common import report_paths
from membership.reports.newsletter_trends import SubscribersByMonthView
from membership.reports.spreadsheets import FormulaSafeCSVMixin

AFTER_ISSUE = datetime.timedelta(days=7)


def _count(status: str):
    return Count("deliveries", filter=Q(deliveries__status=status))


def _after_issue(field: str):
    """Subscriptions of the issue's list with ``field`` in the week after it was sent."""
    end = ExpressionWrapper(OuterRef("sent_at") + AFTER_ISSUE, output_field=DateTimeField())
    rows = (
        Subscription.objects.filter(
            newsletter=OuterRef("newsletter"),
            **{f"{field}__gte": OuterRef("sent_at"), f"{field}__lt": end},
        )
        .order_by()
        .values("newsletter")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def _joined(field: str, memberships=None):
    """Distinct members whose started membership names this row in ``field``."""
    rows = (
        (memberships or Membership.objects.started())
        .filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("member", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


class IssuesReportView(FormulaSafeCSVMixin, ReportView):
    page_title = "Newsletter issues"
    header_icon = "mail"
    index_url_name = "newsletter_reports:issues"
    index_results_url_name = "newsletter_reports:issues_results"
    permission_policy = ModelPermissionPolicy(Issue)
    permission_required = "view"
    columns = [
        Column("newsletter", label="Newsletter"),
        Column("subject", label="Issue"),
        Column("sent_at", label="Sent"),
        NumberColumn("recipients", label="Recipients"),
        NumberColumn("n_sent", label="Sent"),
        NumberColumn("n_failed", label="Failed"),
        NumberColumn("n_bounced", label="Bounced"),
        NumberColumn("n_complained", label="Complaints"),
        NumberColumn("unsubscribes", label="Unsubscribes (7 days)"),
        NumberColumn("confirmations", label="New subscribers (7 days)"),
        NumberColumn("members_joined", label="Members who joined from it"),
    ]
    list_export = ["newsletter", "subject", "sent_at", "recipients", "n_sent", "n_failed",
                   "n_bounced", "n_complained", "unsubscribes", "confirmations",
                   "members_joined"]  # fmt: skip
    export_headings = {column.name: column.label for column in columns}

    def get_filename(self) -> str:
        return f"newsletter-issues-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            Issue.objects.filter(sent_at__isnull=False)
            .select_related("newsletter")
            .annotate(
                n_sent=_count("sent"),
                n_failed=_count("failed"),
                n_bounced=_count("bounced"),
                n_complained=_count("complained"),
                unsubscribes=_after_issue("unsubscribed_at"),
                confirmations=_after_issue("consent_at"),
                members_joined=_joined("source_newsletter_issue"),
            )
            .order_by("-sent_at")
        )


class NewslettersReportView(FormulaSafeCSVMixin, ReportView):
    page_title = "Newsletter subscribers"
    header_icon = "mail"
    index_url_name = "newsletter_reports:lists"
    index_results_url_name = "newsletter_reports:lists_results"
    permission_policy = ModelPermissionPolicy(Newsletter)
    permission_required = "view"
    columns = [
        Column("name", label="Newsletter"),
        NumberColumn("subscribed", label="Subscribed"),
        NumberColumn("pending", label="Waiting for confirmation"),
        NumberColumn("unsubscribed", label="Unsubscribed"),
        NumberColumn("suppressed", label="Suppressed (bounce, complaint)"),
        NumberColumn("confirmed_30", label="Confirmed, last 30 days"),
        NumberColumn("left_30", label="Unsubscribed, last 30 days"),
        NumberColumn("members_joined", label="Members who joined from it"),
        NumberColumn("members_now", label="Of whom members now"),
    ]
    list_export = ["name", "subscribed", "pending", "unsubscribed", "suppressed",
                   "confirmed_30", "left_30", "members_joined", "members_now"]  # fmt: skip
    export_headings = {column.name: column.label for column in columns}

    def get_filename(self) -> str:
        return f"newsletter-subscribers-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        since = timezone.now() - datetime.timedelta(days=30)
        clean = Q(subscriptions__subscriber__suppressed="")

        def count(condition: Q):
            return Count("subscriptions", filter=condition)

        return Newsletter.objects.annotate(
            subscribed=count(Q(subscriptions__status="subscribed") & clean),
            pending=count(Q(subscriptions__status="pending")),
            unsubscribed=count(Q(subscriptions__status="unsubscribed")),
            suppressed=count(~clean & Q(subscriptions__status="subscribed")),
            confirmed_30=count(Q(subscriptions__consent_at__gte=since)),
            left_30=count(Q(subscriptions__unsubscribed_at__gte=since)),
            members_joined=_joined("source_newsletter"),
            members_now=_joined("source_newsletter", Membership.objects.granting_benefits()),
        ).order_by("sort_order", "name")


@hooks.register("register_admin_urls")
def register_newsletter_report_urls():
    reports = [
        *report_paths("issues/", IssuesReportView, "issues"),
        *report_paths("by-month/", SubscribersByMonthView, "by_month"),
        *report_paths("lists/", NewslettersReportView, "lists"),
    ]
    return [path("reports/newsletters/", include((reports, "newsletter_reports")))]


class NewsletterReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("membership.view_newsletter")


@hooks.register("register_reports_menu_item")
def register_newsletter_reports():
    return NewsletterReportMenuItem(
        "Newsletter subscribers", reverse("newsletter_reports:lists"), icon_name="mail", order=1300
    )


@hooks.register("register_reports_menu_item")
def register_newsletter_trends():
    return NewsletterReportMenuItem(
        "Newsletter subscribers by month",
        reverse("newsletter_reports:by_month"),
        icon_name="mail",
        order=1305,
    )


@hooks.register("register_reports_menu_item")
def register_issue_reports():
    return NewsletterReportMenuItem(
        "Newsletter issues", reverse("newsletter_reports:issues"), icon_name="mail", order=1310
    )
