"""Appeals report: impressions, clicks, CTR, conversions and conversion rate
per appeal variant, over a date range. One aggregate query for the rows.

``AppealFiguresMixin`` is what it shares with the report by articles-read rule
(``appeal_rules``): the figures' columns and headings, their totals over the
filter's dates, and the two rates."""

import datetime
from typing import Any

from django.db.models import QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn

import django_filters

from membership.models import Appeal, Audience, Placement
from membership.reports.common import AppealReportView, date_range_filter, day_q, percent

# The counters summed per row; CTR and conversion rate are made from them.
FIGURES = ("impressions", "clicks", "conversions")
FIGURE_HEADINGS = {
    "impressions": "Impressions",
    "clicks": "Clicks",
    "ctr": "CTR (%)",
    "conversions": "Conversions",
    "conversion_rate": "Conversion rate (%)",
}


def figure_columns(sortable: bool) -> list[Column]:
    """The five figures, in the order both reports show them."""

    def number(name: str) -> NumberColumn:
        return NumberColumn(name, label=FIGURE_HEADINGS[name], sort_key=name if sortable else None)

    return [
        number("impressions"),
        number("clicks"),
        Column("ctr", label=FIGURE_HEADINGS["ctr"]),
        number("conversions"),
        Column("conversion_rate", label=FIGURE_HEADINGS["conversion_rate"]),
    ]


def rates(clicks: int, conversions: int, impressions: int) -> dict[str, float | None]:
    """CTR: clicks per impression. Conversion rate: conversions per impression
    (so variants compare on what the copy achieves from being seen)."""
    return {
        "ctr": percent(clicks, impressions),
        "conversion_rate": percent(conversions, impressions),
    }


class AppealFiguresMixin:
    """For a report view filtered by ``AppealsReportFilterSet``: the counters
    to annotate, summed over the dates chosen (all of them when none are)."""

    filters: Any

    def figure_totals(self) -> dict[str, Coalesce]:
        day = None
        if self.filters and self.filters.is_valid():
            day = self.filters.form.cleaned_data.get("day")
        counted = day_q("stats__day", day) or None
        return {
            field: Coalesce(Sum(f"stats__{field}", filter=counted), Value(0)) for field in FIGURES
        }


class AppealsReportFilterSet(WagtailFilterSet):
    day = date_range_filter("stats__day", method="counted_later")
    placement = django_filters.ChoiceFilter(choices=Placement.choices, empty_label="All")
    audience = django_filters.ChoiceFilter(choices=Audience.choices, empty_label="All")

    class Meta:
        model = Appeal
        fields = ["placement", "audience"]

    def counted_later(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        # The dates limit the counters summed (in the view), not the appeals.
        return queryset


class AppealsReportView(AppealFiguresMixin, AppealReportView):
    page_title = "Appeals"
    header_icon = "crosshairs"
    filterset_class = AppealsReportFilterSet
    index_url_name = "membership_reports:appeals"
    index_results_url_name = "membership_reports:appeals_results"
    default_ordering = "-impressions"
    columns = [
        TitleColumn("name", label="Appeal", url_name="wagtailsnippets_membership_appeal:edit"),
        Column("placement_label", label="Placement"),
        Column("audience_label", label="Audience"),
        Column("reading_rule", label="Articles read"),
        *figure_columns(sortable=True),
    ]
    list_export = [
        "pk",
        "name",
        "placement_label",
        "audience_label",
        "reading_rule",
        "impressions",
        "clicks",
        "ctr",
        "conversions",
        "conversion_rate",
    ]
    export_headings = {
        "pk": "Appeal id",
        "name": "Appeal",
        "placement_label": "Placement",
        "audience_label": "Audience",
        "reading_rule": "Articles read",
        **FIGURE_HEADINGS,
    }

    def get_filename(self) -> str:
        return f"appeals-report-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        queryset = Appeal.objects.annotate(**self.figure_totals())
        ordering = self.ordering if isinstance(self.ordering, str) else "-impressions"
        return queryset.order_by(ordering, "placement", "audience", "pk")

    def decorate_paginated_queryset(self, object_list):
        placements, audiences = dict(Placement.choices), dict(Audience.choices)
        for appeal in object_list:
            appeal.placement_label = placements.get(appeal.placement, appeal.placement)
            appeal.audience_label = audiences.get(appeal.audience, appeal.audience)
            figures = rates(appeal.clicks, appeal.conversions, appeal.impressions)
            appeal.ctr, appeal.conversion_rate = figures["ctr"], figures["conversion_rate"]
        return object_list
