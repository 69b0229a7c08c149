"""Appeals by articles-read rule: the variants' counters summed per rule
("Any reader", "5+ articles read", …), over a date range, so the Audience team
sees which readers an ask converts, beside the per-variant report. One
aggregate query (the rows grouped by the rule's minimum and maximum)."""

import datetime
from types import SimpleNamespace

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn

from membership.models import Appeal
from membership.models.appeals import reading_rule_label
from membership.reports.appeals import (
    FIGURE_HEADINGS,
    FIGURES,
    AppealFiguresMixin,
    AppealsReportFilterSet,
    figure_columns,
    rates,
)
from membership.reports.common import AppealReportView


class AppealRulesFilterSet(AppealsReportFilterSet, WagtailFilterSet):
    class Meta:
        model = Appeal
        fields = ["placement", "audience"]


class AppealRulesReportView(AppealFiguresMixin, AppealReportView):
    page_title = "Appeals by articles read"
    header_icon = "crosshairs"
    filterset_class = AppealRulesFilterSet
    index_url_name = "membership_reports:appeal_rules"
    index_results_url_name = "membership_reports:appeal_rules_results"
    columns = [
        Column("rule", label="Articles read"),
        NumberColumn("variants", label="Variants"),
        *figure_columns(sortable=False),
    ]
    list_export = ["rule", "variants", *FIGURES, "ctr", "conversion_rate"]
    export_headings = {
        "rule": "Articles read",
        "variants": "Variants",
        **FIGURE_HEADINGS,
    }

    def get_filename(self) -> str:
        return f"appeals-by-articles-read-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        base = Appeal.objects.all()
        if self.filters and self.filters.is_valid():
            base = self.filters.qs
        rows = (
            Appeal.objects.filter(pk__in=base.values("pk"))
            .values("min_articles_read", "max_articles_read")
            .annotate(**self.figure_totals())
            .order_by("min_articles_read", "max_articles_read")
        )
        variants = Appeal.objects.filter(pk__in=base.values("pk")).values_list(
            "min_articles_read", "max_articles_read"
        )
        counts: dict[tuple, int] = {}
        for key in variants:
            counts[key] = counts.get(key, 0) + 1
        return [self.row(r, counts) for r in rows]

    @staticmethod
    def row(values: dict, counts: dict[tuple, int]) -> SimpleNamespace:
        low, high = values["min_articles_read"], values["max_articles_read"]
        return SimpleNamespace(
            rule=reading_rule_label(low, high),
            variants=counts.get((low, high), 0),
            **rates(values["clicks"], values["conversions"], values["impressions"]),
            **{field: values[field] for field in FIGURES},
        )

    def filter_queryset(self, queryset):
        return queryset  # filtered in get_queryset, before grouping
