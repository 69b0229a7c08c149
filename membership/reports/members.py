"""The members report: one row per membership (a Stripe subscription), with
the reader's email, tier, price, status and dates; searchable by email,
filterable by status, tier and frequency, exportable to CSV and XLSX."""

import datetime
from collections import OrderedDict
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.reports import ReportView

import django_filters

from membership.models import Membership, Tier
from membership.reports import member_export
from membership.reports.access import AudienceReportsOnlyMixin
from membership.reports.display import AbsoluteDateColumn, VisibleDownloadsMixin
from membership.reports.metrics import MEMBER_STATUSES
from membership.reports.spreadsheets import FormulaSafeCSVMixin

FREQUENCIES = [("month", "Monthly"), ("year", "Yearly")]


class TierAndFrequencyFilterSet(WagtailFilterSet):
    """The tier and frequency filters every membership report offers."""

    tier = django_filters.ModelChoiceFilter(
        label="Tier",
        queryset=Tier.objects.order_by("sort_order", "name"),
        empty_label="Any tier",
    )
    interval = django_filters.ChoiceFilter(
        label="Frequency", choices=FREQUENCIES, empty_label="Any frequency"
    )

    class Meta:
        model = Membership
        fields = ["tier", "interval"]


class MembersReportFilterSet(TierAndFrequencyFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label="Status",
        choices=Membership.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Membership
        fields = ["status", "tier", "interval"]


def email_of(membership: Membership) -> str:
    user = membership.member.user
    return user.email if user else ""


def end_of(membership: Membership) -> datetime.datetime | None:
    """When it ended, or when it is set to end."""
    return membership.ended_at or membership.ends_at


class MembersReportView(
    AudienceReportsOnlyMixin, VisibleDownloadsMixin, FormulaSafeCSVMixin, ReportView
):
    page_title = "Members"
    header_icon = "group"
    model = Membership
    filterset_class = MembersReportFilterSet
    index_url_name = "audience_dashboard:members"
    index_results_url_name = "audience_dashboard:members_results"
    is_searchable = True
    search_fields = ["member__user__email"]
    default_ordering = "-started_at"
    paginate_by = 50
    export_filename = "members"
    verbose_name_plural = "memberships"
    columns = [
        Column("email", label="Email", accessor=lambda m: email_of(m) or "(deleted account)"),
        Column("tier", label="Tier", accessor="tier.name"),
        Column("price", label="Price", accessor="price_label"),
        Column(
            "monthly", label="Per month", accessor=lambda m: member_export.monthly_money(m).label
        ),
        StatusTagColumn(
            "status",
            label="Status",
            accessor="get_status_display",
            primary=lambda m: m.status in MEMBER_STATUSES,
        ),
        AbsoluteDateColumn("started_at", label="Started", sort_key="started_at", with_time=False),
        AbsoluteDateColumn("ends", label="Ended / ends", accessor=end_of, with_time=False),
        Column("source", label="Joined from", accessor="source_article.title"),
    ]
    list_export = list(member_export.COLUMNS)
    export_headings = member_export.COLUMNS

    def get_filename(self) -> str:
        return f"members-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self) -> QuerySet[Membership]:
        self.queryset = member_export.memberships().select_related("source_article")
        return super().get_queryset()

    def order_queryset(self, queryset: QuerySet[Membership]) -> QuerySet[Membership]:
        if self.ordering:  # and by id, for a stable order from page to page
            return queryset.order_by(self.ordering, "-pk")
        return queryset

    def to_row_dict(self, item: Membership) -> "OrderedDict[str, Any]":
        return member_export.row(item)
