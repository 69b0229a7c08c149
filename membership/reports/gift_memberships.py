"""Gift memberships by month, for the audience reports: bought (count and
amount, per currency, refunds left out), claimed and refunded. Kept apart
from MRR: a gift is paid once, and the membership it gives is a trial that
pays nothing (``membership.reports.metrics`` leaves gift subscriptions out of
MRR in past months too)."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from membership.gifts.models import GiftMembership
from membership.months import Month, last_months
from membership.reports.access import AudienceReportsOnlyMixin
from membership.reports.display import MonthlyExportMixin, VisibleDownloadsMixin
from membership.reports.money import Money

MONTHS = 12


@dataclass(frozen=True)
class GiftMonth:
    month: Month
    as_of: datetime.datetime
    bought: int = 0
    claimed: int = 0
    refunded: int = 0
    amounts: dict[str, int] = field(default_factory=dict)  # cents per currency, not refunded

    def amount_label(self) -> str:
        return ", ".join(Money(c, cents).label for c, cents in sorted(self.amounts.items()))


def gifts_by_month(months: int = MONTHS, now: datetime.datetime | None = None) -> list[GiftMonth]:
    """The last ``months`` months, oldest first, in one query per measure."""
    now = now or timezone.now()
    periods = last_months(months, now)
    start = periods[0].start()
    kept = ~Q(status=GiftMembership.Status.REFUNDED)

    def window(name: str, month: Month) -> Q:
        return Q(**{f"{name}__gte": month.start(), f"{name}__lt": month.end()})

    counts = GiftMembership.objects.aggregate(
        **{f"b{i}": Count("pk", filter=window("created_at", m)) for i, m in enumerate(periods)},
        **{f"c{i}": Count("pk", filter=window("claimed_at", m)) for i, m in enumerate(periods)},
        **{f"r{i}": Count("pk", filter=window("refunded_at", m)) for i, m in enumerate(periods)},
    )
    amounts = (
        GiftMembership.objects.filter(kept, created_at__gte=start)
        .values("currency")
        .order_by("currency")
        .annotate(
            **{
                f"a{i}": Sum("amount", filter=window("created_at", m))
                for i, m in enumerate(periods)
            }
        )
    )
    return [
        GiftMonth(
            month=month,
            as_of=min(month.end(), now),
            bought=counts[f"b{i}"],
            claimed=counts[f"c{i}"],
            refunded=counts[f"r{i}"],
            amounts={row["currency"]: row[f"a{i}"] for row in amounts if row[f"a{i}"]},
        )
        for i, month in enumerate(periods)
    ]


class GiftMembershipsView(
    AudienceReportsOnlyMixin, MonthlyExportMixin, VisibleDownloadsMixin, ReportView
):
    page_title = "Gift memberships by month"
    header_icon = "table"
    index_url_name = "audience_dashboard:gift_memberships"
    index_results_url_name = "audience_dashboard:gift_memberships_results"
    paginate_by = None
    verbose_name_plural = "months"
    filename_stem = "gift-memberships-by-month"

    @cached_property
    def points(self) -> list[GiftMonth]:
        return gifts_by_month()

    def get_filtered_queryset(self) -> list[GiftMonth]:  # type: ignore[override]
        return self.points

    @property
    def columns(self) -> list[Column]:  # type: ignore[override]
        return [
            Column("month", label="Month", accessor="month.label"),
            NumberColumn("bought", label="Bought"),
            Column("amount", label="Amount (not refunded)", accessor="amount_label"),
            NumberColumn("claimed", label="Claimed"),
            NumberColumn("refunded", label="Refunded"),
        ]

    def export_columns(self) -> dict[str, str]:
        return {
            "bought": "Bought",
            "amount": "Amount (not refunded)",
            "claimed": "Claimed",
            "refunded": "Refunded",
        }

    def export_values(self, item: GiftMonth) -> list[Any]:
        return [item.bought, item.amount_label(), item.claimed, item.refunded]
