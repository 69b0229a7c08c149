"""Wagtail hooks of the audience dashboard: its admin URLs, the panel on the
admin home page, its entries in the Reports menu, and the permission that
allows retrying Stripe events (listed in Settings → Groups). Imported by
``membership.wagtail_hooks``, which Wagtail loads."""

from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from membership.reports import urls
from membership.reports.access import can_view_audience_reports
from membership.reports.appeals_panel import AppealsSummaryPanel
from membership.reports.common import appeal_policy
from membership.reports.dashboard import AudiencePanel


class AudienceReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_view_audience_reports(request.user)


@hooks.register("register_admin_urls")
def register_audience_urls() -> list[Any]:
    return [path("audience/", include(urls))]


@hooks.register("construct_homepage_panels")
def add_audience_panel(request: HttpRequest, panels: list[Any]) -> None:
    if can_view_audience_reports(request.user):
        panels.append(AudiencePanel())
    if appeal_policy.user_has_permission(request.user, "view"):
        panels.append(AppealsSummaryPanel())


@hooks.register("register_reports_menu_item")
def register_members_report_menu_item() -> MenuItem:
    return AudienceReportMenuItem(
        "Members",
        reverse("audience_dashboard:members"),
        name="audience-members",
        icon_name="group",
        order=1300,
    )


@hooks.register("register_reports_menu_item")
def register_trends_report_menu_item() -> MenuItem:
    return AudienceReportMenuItem(
        "Members and MRR by month",
        reverse("audience_dashboard:trends"),
        name="audience-by-month",
        icon_name="table",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_gift_memberships_menu_item() -> MenuItem:
    return AudienceReportMenuItem(
        "Gift memberships by month",
        reverse("audience_dashboard:gift_memberships"),
        name="audience-gift-memberships",
        icon_name="table",
        order=1315,
    )


@hooks.register("register_reports_menu_item")
def register_stripe_events_menu_item() -> MenuItem:
    return AudienceReportMenuItem(
        "Stripe events",
        reverse("audience_dashboard:stripe_events"),
        name="stripe-events",
        icon_name="list-ul",
        order=1320,
    )


@hooks.register("register_permissions")
def register_stripe_event_permissions() -> QuerySet[Permission]:
    return Permission.objects.filter(
        content_type__app_label="membership", codename="change_stripeevent"
    )
