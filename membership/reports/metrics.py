"""Audience figures: one definition of each, used by the dashboard panel, the
reports and their exports. docs/audience-dashboard.md explains them for staff.

**Months** are calendar months in the site's time zone (``TIME_ZONE``): a
month runs from 00:00 on its first day (inclusive) to 00:00 on the first day
of the next month (exclusive). "This month" runs until now.

**Membership state at a moment T** is reconstructed from the timestamps each
membership mirrors from Stripe, so past months can be counted too. A
membership is *active at T* when it started before T and had not lapsed
before T (``started_at < T <= lapsed_at``), i.e. its state just before T;
the state "at the end of a month" is the state just before the next month
begins. It *lapsed* at:

* ``ended_at`` when Stripe has ended the subscription (cancelled now, or at the
  end of the paid period);
* for a cancelled subscription without ``ended_at`` (should not happen),
  ``canceled_at``;
* for a subscription that is ``paused`` or ``unpaid`` now (perks stopped but
  Stripe has not ended it), the moment we last synced it from Stripe: the
  webhook that told us about the change. We keep no history of statuses, so
  this is the best evidence we have;
* never, otherwise (active, trialing, past due: the reader is a member now).

Subscriptions that never started (``incomplete``, ``incomplete_expired``: the
first payment failed) are never counted.

With these rules, for any month: members at its end = members at its start +
new - churned, exactly (counted as distinct members, see :class:`Snapshot`).

**MRR** (monthly recurring revenue) is kept per currency, never converted: the
sum of each paying subscription's price normalised to a month (a yearly price
counts 1/12, a weekly one 52/12, a daily one 365/12), in cents, rounded to the
cent once, after summing. Custom amounts are prices like any other. Paying
statuses are ``active`` and ``past_due`` (Stripe is still collecting); a
``trialing`` subscription pays nothing yet. For past months the current
amount is used (we keep no price history) and trialing subscriptions are left
out.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from membership.models import Contribution, Membership, format_amount

Status = Membership.Status

NEVER_STARTED = (Status.INCOMPLETE, Status.INCOMPLETE_EXPIRED)
MEMBER_STATUSES = tuple(Membership.BENEFIT_STATUSES)  # active, trialing, past due
PAYING_STATUSES = (Status.ACTIVE, Status.PAST_DUE)
PAYMENT_PROBLEM_STATUSES = (Status.PAST_DUE, Status.UNPAID)

# Months in one billing interval, as a factor to a monthly amount.
MONTHLY_FACTOR: dict[str, Fraction] = {
    "day": Fraction(365, 12),
    "week": Fraction(52, 12),
    "month": Fraction(1),
    "year": Fraction(1, 12),
}


# --- months -------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def containing(cls, moment: datetime.datetime, tz: datetime.tzinfo | None = None) -> "Month":
        local = moment.astimezone(tz or timezone.get_current_timezone())
        return cls(local.year, local.month)

    def start(self, tz: datetime.tzinfo | None = None) -> datetime.datetime:
        """00:00 on the first day, in the site's time zone."""
        return datetime.datetime(
            self.year, self.month, 1, tzinfo=tz or timezone.get_current_timezone()
        )

    def end(self, tz: datetime.tzinfo | None = None) -> datetime.datetime:
        """The first moment of the next month (exclusive)."""
        return self.next().start(tz)

    def next(self) -> "Month":
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> "Month":
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return datetime.date(self.year, self.month, 1).strftime("%B %Y")

    @property
    def short_label(self) -> str:
        return datetime.date(self.year, self.month, 1).strftime("%b '%y")

    def __str__(self) -> str:
        return self.key


def last_months(count: int, now: datetime.datetime | None = None) -> list[Month]:
    """The ``count`` months up to and including the current one, oldest first."""
    month = Month.containing(now or timezone.now())
    months = [month]
    for _ in range(count - 1):
        months.append(months[-1].previous())
    return months[::-1]


# --- membership state at a moment -----------------------------------------------------------


def lapsed_at() -> Case:
    """When a membership stopped counting (NULL: it still counts). See the module docs."""
    return Case(
        When(ended_at__isnull=False, then=F("ended_at")),
        When(
            status=Status.CANCELED,
            then=Coalesce("canceled_at", "stripe_synced_at", "updated_at"),
        ),
        When(
            status__in=(Status.PAUSED, Status.UNPAID),
            then=Coalesce("stripe_synced_at", "updated_at"),
        ),
        default=None,
        output_field=DateTimeField(),
    )


def with_lapsed_at(memberships: QuerySet[Membership]) -> QuerySet[Membership]:
    return memberships.alias(lapsed_at=lapsed_at())


def active_at(moment: datetime.datetime) -> Q:
    """Active just before ``moment``; needs :func:`with_lapsed_at` on the queryset."""
    return (
        Q(started_at__lt=moment)
        & ~Q(status__in=NEVER_STARTED)
        & (Q(lapsed_at__isnull=True) | Q(lapsed_at__gte=moment))
    )


def member_was_active_at(moment: datetime.datetime) -> Exists:
    """For a membership row: did the same member have any membership active at ``moment``?"""
    return Exists(
        with_lapsed_at(Membership.objects.all()).filter(
            active_at(moment), member=OuterRef("member")
        )
    )


def joined_in(start: datetime.datetime, end: datetime.datetime) -> Q:
    """A membership that started in [start, end) for a reader who was not a
    member just before ``start`` (a switch or a rejoin within a membership is
    not "new")."""
    return (
        Q(started_at__gte=start, started_at__lt=end)
        & ~Q(status__in=NEVER_STARTED)
        & ~member_was_active_at(start)
    )


def churned_in(start: datetime.datetime, end: datetime.datetime) -> Q:
    """A membership that lapsed in [start, end) for a reader who was no longer a
    member at ``end`` (a reader who rejoined in time has not churned)."""
    return (
        Q(lapsed_at__gte=start, lapsed_at__lt=end)
        & ~Q(status__in=NEVER_STARTED)
        & Q(started_at__isnull=False)
        & ~member_was_active_at(end)
    )


# --- money -------------------------------------------------------------------------------


def monthly_value(amount: int, interval: str) -> Fraction:
    """A price per ``interval`` as an exact amount per month, in cents."""
    return amount * MONTHLY_FACTOR.get(interval, Fraction(0))


def round_cents(value: Fraction) -> int:
    """Half-up to whole cents (amounts are never negative)."""
    return int(
        (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
    )


@dataclass(frozen=True)
class Money:
    currency: str
    cents: int

    @property
    def label(self) -> str:
        return format_amount(self.cents, self.currency)

    @property
    def major(self) -> Decimal:
        """In major units, e.g. ``Decimal("29.67")``, for exports."""
        return (Decimal(self.cents) / 100).quantize(Decimal("0.01"))

    def __str__(self) -> str:
        return self.label


def mrr_by_currency(rows: Iterable[dict[str, Any]], key: str = "total") -> dict[str, int]:
    """Rows of ``currency``, ``interval`` and a cents sum → MRR in cents per currency."""
    exact: dict[str, Fraction] = defaultdict(Fraction)
    for row in rows:
        if row[key] is not None:
            exact[row["currency"].lower()] += monthly_value(row[key], row["interval"])
    return {currency: round_cents(value) for currency, value in sorted(exact.items())}


# --- the dashboard snapshot ---------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A count this month, and the same count for the whole of last month."""

    this_month: int
    last_month: int

    @property
    def difference(self) -> int:
        return self.this_month - self.last_month


@dataclass(frozen=True)
class Gifts:
    """One-time gifts received in a period, in one currency.

    ``count`` leaves out gifts refunded in full; ``net`` is ``gross`` minus
    what was refunded (partial refunds included). A refund counts against the
    month of the gift, not of the refund (we keep no refund date). Disputed
    gifts stay in until Stripe reports a refund."""

    currency: str
    count: int
    gross: int
    refunded: int

    @property
    def net(self) -> Money:
        return Money(self.currency, self.gross - self.refunded)


@dataclass(frozen=True)
class Snapshot:
    """The dashboard's figures. Members are counted once however many
    memberships they hold; figures for "this month" run until ``as_of``."""

    as_of: datetime.datetime
    this_month: Month
    last_month: Month
    active_members: int
    mrr: list[Money]
    new_members: Change
    churned_members: Change
    past_due_members: int
    unpaid_members: int
    payment_problem_members: int
    gifts_this_month: list[Gifts]
    gifts_last_month: list[Gifts]


def snapshot(now: datetime.datetime | None = None) -> Snapshot:
    """Three queries, whatever the number of members: memberships counted,
    MRR by currency and interval, gifts by currency."""
    now = now or timezone.now()
    this_month = Month.containing(now)
    last_month = this_month.previous()
    this_start, last_start = this_month.start(), last_month.start()

    distinct_members = {"distinct": True}
    counts = with_lapsed_at(Membership.objects.all()).aggregate(
        active=Count("member", filter=Q(status__in=MEMBER_STATUSES), **distinct_members),
        past_due=Count("member", filter=Q(status=Status.PAST_DUE), **distinct_members),
        unpaid=Count("member", filter=Q(status=Status.UNPAID), **distinct_members),
        problems=Count(
            "member", filter=Q(status__in=PAYMENT_PROBLEM_STATUSES), **distinct_members
        ),
        new_this=Count("member", filter=joined_in(this_start, now), **distinct_members),
        new_last=Count("member", filter=joined_in(last_start, this_start), **distinct_members),
        churned_this=Count("member", filter=churned_in(this_start, now), **distinct_members),
        churned_last=Count(
            "member", filter=churned_in(last_start, this_start), **distinct_members
        ),
    )
    mrr_rows = (
        Membership.objects.filter(status__in=PAYING_STATUSES)
        .values("currency", "interval")
        .order_by()
        .annotate(total=Sum("amount"))
    )
    return Snapshot(
        as_of=now,
        this_month=this_month,
        last_month=last_month,
        active_members=counts["active"],
        mrr=[Money(c, cents) for c, cents in mrr_by_currency(mrr_rows).items()],
        new_members=Change(counts["new_this"], counts["new_last"]),
        churned_members=Change(counts["churned_this"], counts["churned_last"]),
        past_due_members=counts["past_due"],
        unpaid_members=counts["unpaid"],
        payment_problem_members=counts["problems"],
        **gifts_by_month(last_start, this_start, now),
    )


def gifts_by_month(
    last_start: datetime.datetime, this_start: datetime.datetime, now: datetime.datetime
) -> dict[str, list[Gifts]]:
    """Gifts this month and last month, per currency, in one query."""
    this = Q(created_at__gte=this_start, created_at__lte=now)
    last = Q(created_at__gte=last_start, created_at__lt=this_start)
    counted = ~Q(status=Contribution.Status.REFUNDED)
    rows = (
        Contribution.objects.filter(created_at__gte=last_start, created_at__lte=now)
        .values("currency")
        .order_by("currency")
        .annotate(
            this_count=Count("pk", filter=this & counted),
            this_gross=Coalesce(Sum("amount", filter=this), 0),
            this_refunded=Coalesce(Sum("amount_refunded", filter=this), 0),
            last_count=Count("pk", filter=last & counted),
            last_gross=Coalesce(Sum("amount", filter=last), 0),
            last_refunded=Coalesce(Sum("amount_refunded", filter=last), 0),
        )
    )
    result: dict[str, list[Gifts]] = {"gifts_this_month": [], "gifts_last_month": []}
    for row in rows:
        for when in ("this", "last"):
            if row[f"{when}_gross"]:
                result[f"gifts_{when}_month"].append(
                    Gifts(
                        currency=row["currency"].lower(),
                        count=row[f"{when}_count"],
                        gross=row[f"{when}_gross"],
                        refunded=row[f"{when}_refunded"],
                    )
                )
    return result


# --- the monthly series -------------------------------------------------------------------


@dataclass(frozen=True)
class MonthPoint:
    """Members and MRR at the end of one month (or now, for the current one)."""

    month: Month
    as_of: datetime.datetime
    active_members: int
    mrr: dict[str, int]  # cents per currency

    def mrr_money(self, currency: str) -> Money:
        return Money(currency, self.mrr.get(currency, 0))


def monthly_series(
    memberships: QuerySet[Membership], months: int, now: datetime.datetime | None = None
) -> list[MonthPoint]:
    """Active members and MRR at the end of each of the last ``months`` months,
    oldest first, reconstructed from the memberships given (already filtered,
    e.g. by tier). Two queries, whatever the number of months or members."""
    now = now or timezone.now()
    moments = [min(month.end(), now) for month in last_months(months, now)]
    base = with_lapsed_at(memberships.order_by())
    members = base.aggregate(
        **{
            f"m{i}": Count("member", filter=active_at(moment), distinct=True)
            for i, moment in enumerate(moments)
        }
    )
    sums = list(
        base.exclude(status=Status.TRIALING)
        .values("currency", "interval")
        .annotate(
            **{
                f"s{i}": Sum("amount", filter=active_at(moment))
                for i, moment in enumerate(moments)
            }
        )
    )
    return [
        MonthPoint(
            month=month,
            as_of=moment,
            active_members=members[f"m{i}"],
            mrr=mrr_by_currency(sums, key=f"s{i}"),
        )
        for i, (month, moment) in enumerate(zip(last_months(months, now), moments, strict=True))
    ]


def currencies_of(points: Iterable[MonthPoint]) -> list[str]:
    return sorted({currency for point in points for currency in point.mrr})
