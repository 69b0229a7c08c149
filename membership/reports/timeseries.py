"""Members and MRR by month: the last 12 or 24 months as bar charts (server-
rendered SVG) and a table, exportable to CSV and XLSX. Filtering by tier or
frequency narrows the memberships the months are reconstructed from (see
``metrics`` for how the state at each month's end is worked out)."""

from typing import Any

from django.forms import Media
from django.utils.functional import cached_property

from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from membership.models import Membership, format_amount
from membership.reports.access import AudienceReportsOnlyMixin
from membership.reports.chart import BarChart, bar_chart
from membership.reports.display import MonthlyExportMixin, VisibleDownloadsMixin
from membership.reports.members import TierAndFrequencyFilterSet
from membership.reports.metrics import MonthPoint, currencies_of, monthly_series
from membership.reports.period import PeriodFilterSet, PeriodMixin

ADMIN_CSS = Media(css={"all": ["css/audience-dashboard.css"]})


class TrendsFilterSet(PeriodFilterSet, TierAndFrequencyFilterSet):
    class Meta:
        model = Membership
        fields = ["months", "tier", "interval"]


class MembershipTrendsView(
    AudienceReportsOnlyMixin, PeriodMixin, MonthlyExportMixin, VisibleDownloadsMixin, ReportView
):
    page_title = "Members and MRR by month"
    header_icon = "table"
    results_template_name = "membership/reports/trends_results.html"
    filterset_class = TrendsFilterSet
    index_url_name = "audience_dashboard:trends"
    index_results_url_name = "audience_dashboard:trends_results"
    paginate_by = None
    verbose_name_plural = "months"

    @cached_property
    def points(self) -> list[MonthPoint]:
        memberships = self.filter_queryset(Membership.objects.all())
        return monthly_series(memberships, self.months)

    @cached_property
    def currencies(self) -> list[str]:
        return currencies_of(self.points)

    def get_filtered_queryset(self) -> list[MonthPoint]:  # type: ignore[override]
        return self.points

    @property
    def columns(self) -> list[Column]:  # type: ignore[override]
        return [
            Column("month", label="Month", accessor="month.label"),
            NumberColumn("active_members", label="Active members"),
            *(
                Column(
                    f"mrr_{currency}",
                    label=f"MRR ({currency.upper()})",
                    accessor=lambda point, c=currency: point.mrr_money(c).label,
                )
                for currency in self.currencies
            ),
        ]

    filename_stem = "members-by-month"

    def export_columns(self) -> dict[str, str]:
        return {
            "active_members": "Active members",
            **{f"mrr_{c}": f"MRR ({c.upper()})" for c in self.currencies},
        }

    def export_values(self, item: MonthPoint) -> list[Any]:
        return [item.active_members, *(item.mrr_money(c).major for c in self.currencies)]

    def charts(self) -> list[BarChart]:
        charts = [
            bar_chart(
                "members-chart",
                "Active members at the end of each month",
                [(p.month.short_label, p.active_members) for p in self.points],
                lambda value: f"{round(value):,}",
                whole_numbers=True,
            )
        ]
        for currency in self.currencies:
            charts.append(
                bar_chart(
                    f"mrr-chart-{currency}",
                    f"MRR in {currency.upper()} at the end of each month",
                    [(p.month.short_label, p.mrr.get(currency, 0)) for p in self.points],
                    lambda value, c=currency: format_amount(round(value), c),
                )
            )
        return charts

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context["charts"] = self.charts()
        context["media"] += ADMIN_CSS
        return context
