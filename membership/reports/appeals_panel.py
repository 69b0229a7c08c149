"""The appeals summary on the Wagtail admin dashboard: impressions, clicks and
conversions of the membership appeals over the last 30 days, and the best
converting appeals, for staff who may see appeals (the Audience and Editors
groups). One query: the counters grouped per appeal."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Sum
from django.forms import Media
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component

from membership.models import AppealStat
from membership.reports.common import Funnel

DAYS = 30
SHOWN = 5


@dataclass
class AppealFigures(Funnel):
    name: str
    impressions: int = 0
    clicks: int = 0
    conversions: int = 0


def summary(today: datetime.date | None = None) -> tuple[AppealFigures, list[AppealFigures]]:
    """(totals, the best appeals by conversions per 1,000 impressions)."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=DAYS - 1)
    rows = (
        AppealStat.objects.filter(day__gte=since, day__lte=today)
        .values("appeal_id", "appeal__name")
        .annotate(
            impressions=Sum("impressions"), clicks=Sum("clicks"), conversions=Sum("conversions")
        )
        .order_by("appeal_id")
    )
    appeals = [
        AppealFigures(r["appeal__name"], r["impressions"], r["clicks"], r["conversions"])
        for r in rows
    ]
    totals = AppealFigures(
        "All appeals",
        sum(a.impressions for a in appeals),
        sum(a.clicks for a in appeals),
        sum(a.conversions for a in appeals),
    )
    best = sorted(
        (a for a in appeals if a.impressions),
        key=lambda a: (-(a.per_thousand or 0), -a.conversions, a.name),
    )
    return totals, best[:SHOWN]


class AppealsSummaryPanel(Component):
    name = "appeals-summary"
    template_name = "membership/reports/appeals_panel.html"
    order = 60  # below the audience panel, above Wagtail's own

    @property
    def media(self) -> Media:
        return Media(css={"all": ["css/audience-dashboard.css"]})

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        totals, best = summary()
        return {
            "days": DAYS,
            "totals": totals,
            "best": best,
            "report_url": reverse("membership_reports:appeals"),
            "articles_url": reverse("membership_reports:articles"),
        }
