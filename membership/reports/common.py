"""What the reports share: the date-range filter, rates, the appeal
permission, and each report's pair of URLs."""

from django.db.models import Q
from django.urls import URLPattern, path

from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from membership.models import Appeal
from membership.reports.display import VisibleDownloadsMixin

# Whoever may see appeals (the Audience and Editors groups) sees their numbers.
APPEAL_PERMISSION = "membership.view_appeal"
appeal_policy = ModelPermissionPolicy(Appeal)


class AppealReportView(VisibleDownloadsMixin, ReportView):
    """A report on appeals (variants, rules, articles, sections): seen by
    whoever may see appeals, downloads in the header."""

    permission_policy = appeal_policy
    permission_required = "view"


def report_paths(route: str, view, name: str) -> list[URLPattern]:
    """A report's URL and its results-only URL (``<name>_results``), which
    Wagtail's filters load without a page reload."""
    return [
        path(route, view.as_view(), name=name),
        path(f"{route}results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


def date_range_filter(field_name: str, method: str | None = None) -> django_filters.Filter:
    return django_filters.DateFromToRangeFilter(
        label="Dates", field_name=field_name, widget=DateRangePickerWidget, method=method
    )


def day_q(prefix: str, value) -> Q:
    """``Q`` for a DateFromToRangeFilter value (a slice, either end open)."""
    q = Q()
    if value and value.start:
        q &= Q(**{f"{prefix}__gte": value.start})
    if value and value.stop:
        q &= Q(**{f"{prefix}__lte": value.stop})
    return q


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def per_thousand(part: int, whole: int) -> float | None:
    return round(1000 * part / whole, 2) if whole else None


class Funnel:
    """A row of appeal figures: its impressions, clicks and conversions, and
    conversions per 1,000 impressions (None when nothing was shown)."""

    impressions: int
    clicks: int
    conversions: int

    @property
    def per_thousand(self) -> float | None:
        return per_thousand(self.conversions, self.impressions)
