"""The period a month-by-month report covers: the last 12 or 24 months,
chosen in its filters (members and MRR by month, newsletter subscribers by
month)."""

from functools import cached_property

import django_filters

MONTH_CHOICES = [("12", "Last 12 months"), ("24", "Last 24 months")]
DEFAULT_MONTHS = 12


class PeriodMixin:
    """For a report view whose filter set has a ``months`` choice
    (``MONTH_CHOICES``): the number of months chosen, else the default."""

    @cached_property
    def months(self) -> int:
        filters = self.filters  # type: ignore[attr-defined]
        if filters and filters.is_valid():
            return int(filters.form.cleaned_data.get("months") or DEFAULT_MONTHS)
        return DEFAULT_MONTHS


class PeriodFilterSet(django_filters.FilterSet):
    """The ``months`` choice, for a report's filter set to inherit."""

    months = django_filters.ChoiceFilter(
        label="Period", choices=MONTH_CHOICES, empty_label=None, method="keep_all"
    )

    def keep_all(self, queryset, name: str, value: str):
        return queryset  # the period chooses the months, it filters no row
