"""Newsletter subscribers by month: for each active list, the subscribers at
the end of each of the last 12 or 24 months, as bar charts (the audience
reports' SVG charts, ``chart.py``) and a table with one column per list,
exportable to CSV and XLSX. One query, whatever the number of lists or months.

A subscriber counts at a moment when ``SubscriptionQuerySet.subscribed_at_condition``
holds: consent given before it, not unsubscribed nor suppressed before it.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from membership.months import Month, last_months
from membership.newsletters.models import Newsletter, Subscription, SubscriptionQuerySet
from membership.reports.chart import BarChart, bar_chart
from membership.reports.display import MonthlyExportMixin, VisibleDownloadsMixin
from membership.reports.period import PeriodFilterSet, PeriodMixin
from membership.reports.spreadsheets import FormulaSafeCSVMixin
from membership.reports.timeseries import ADMIN_CSS


@dataclass(frozen=True)
class ListsAtMonthEnd:
    month: Month
    as_of: datetime.datetime
    subscribers: dict[int, int]  # newsletter id -> subscribers


def subscriber_series(
    newsletters: list[Newsletter], months: int, now: datetime.datetime | None = None
) -> list[ListsAtMonthEnd]:
    """Subscribers of each list at the end of each of the last ``months``
    months (the current one as of now), oldest first."""
    now = now or timezone.now()
    moments = [(month, min(month.end(), now)) for month in last_months(months, now)]
    at = SubscriptionQuerySet.subscribed_at_condition
    rows = (
        Subscription.objects.filter(newsletter__in=newsletters)
        .order_by()
        .values("newsletter")
        .annotate(
            **{f"m{i}": Count("pk", filter=at(moment)) for i, (_, moment) in enumerate(moments)}
        )
    )
    counts = {row["newsletter"]: row for row in rows}
    return [
        ListsAtMonthEnd(
            month=month,
            as_of=moment,
            subscribers={n.pk: counts.get(n.pk, {}).get(f"m{i}", 0) for n in newsletters},
        )
        for i, (month, moment) in enumerate(moments)
    ]


class SubscribersPeriodFilterSet(PeriodFilterSet):
    class Meta:
        model = Subscription
        fields = ["months"]


class SubscribersByMonthView(
    PeriodMixin, MonthlyExportMixin, VisibleDownloadsMixin, FormulaSafeCSVMixin, ReportView
):
    page_title = "Newsletter subscribers by month"
    header_icon = "mail"
    results_template_name = "membership/reports/newsletter_trends_results.html"
    filterset_class = SubscribersPeriodFilterSet
    index_url_name = "newsletter_reports:by_month"
    index_results_url_name = "newsletter_reports:by_month_results"
    permission_policy = ModelPermissionPolicy(Newsletter)
    permission_required = "view"
    paginate_by = None
    verbose_name_plural = "months"

    @cached_property
    def newsletters(self) -> list[Newsletter]:
        return list(Newsletter.objects.active())

    @cached_property
    def points(self) -> list[ListsAtMonthEnd]:
        return subscriber_series(self.newsletters, self.months)

    def get_filtered_queryset(self) -> list[ListsAtMonthEnd]:  # type: ignore[override]
        return self.points

    @property
    def columns(self) -> list[Column]:  # type: ignore[override]
        return [
            Column("month", label="Month", accessor="month.label"),
            *(
                Column(
                    f"n{n.pk}",
                    label=n.name,
                    accessor=lambda point, pk=n.pk: f"{point.subscribers[pk]:,}",
                )
                for n in self.newsletters
            ),
        ]

    filename_stem = "newsletter-subscribers-by-month"

    def export_columns(self) -> dict[str, str]:
        return {n.slug: n.name for n in self.newsletters}

    def export_values(self, item: ListsAtMonthEnd) -> list[Any]:
        return [item.subscribers[n.pk] for n in self.newsletters]

    def charts(self) -> list[BarChart]:
        return [
            bar_chart(
                f"newsletter-chart-{n.slug}",
                f"{n.name}: subscribers at the end of each month",
                [(p.month.short_label, p.subscribers[n.pk]) for p in self.points],
                lambda value: f"{round(value):,}",
                whole_numbers=True,
            )
            for n in self.newsletters
        ]

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context["charts"] = self.charts()
        context["media"] += ADMIN_CSS
        return context
