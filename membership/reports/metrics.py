"""Audience figures: one definition of each, used by the dashboard panel, the
reports and their exports. docs/audience-dashboard.md explains them for staff.

Months are :class:`membership.months.Month`; who counts as a member at a moment,
who joined and who churned are defined once on
:class:`membership.models.members.MembershipQuerySet`; money (MRR per currency)
in :mod:`membership.reports.money`. The state "at the end of a month" is the
state just before the next month begins.

Paying statuses are ``active`` and ``past_due`` (Stripe is still collecting); a
``trialing`` subscription pays nothing yet, and neither does one whose payments
are paused (Stripe's ``pause_collection``: it stays ``active``, keeps its perks,
and its invoices are voided): it is a member, and its amount is shown apart
from MRR. For past months the current amount is used (we keep no price
history) and trialing subscriptions are left out, as are the subscriptions
gift memberships created (never paid, even once ended); a paused one counts
until its pause began (``paused_at``).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from membership.models import Contribution, GiftMembership, Membership
from membership.months import Month, last_months
from membership.reports.money import ConvertedTotal, Money, converted_total, mrr_by_currency

Status = Membership.Status

MEMBER_STATUSES = tuple(Membership.BENEFIT_STATUSES)  # active, trialing, past due
PAYING_STATUSES = (Status.ACTIVE, Status.PAST_DUE)
PAYMENT_PROBLEM_STATUSES = (Status.PAST_DUE, Status.UNPAID)


def without_gift_subscriptions(memberships: QuerySet[Membership]) -> QuerySet[Membership]:
    """Leave out the subscriptions gift memberships created: trials that end
    on the prepaid date, never paid for (a gift is a one-time payment,
    reported apart: ``membership.reports.gift_memberships``)."""
    given = GiftMembership.objects.filter(extended_existing=False).exclude(
        stripe_subscription_id=""
    )
    return memberships.exclude(stripe_subscription_id__in=given.values("stripe_subscription_id"))


def paused_at(moment: datetime.datetime) -> Q:
    """Payments paused just before ``moment``. We keep no history of pauses:
    a membership paused now counts as paused since we last synced it (the
    webhook that reported the pause), as a paused status counts as lapsed
    since then (``MembershipQuerySet.with_lapsed_at``)."""
    return Q(payments_paused=True) & (
        Q(stripe_synced_at__isnull=True) | Q(stripe_synced_at__lt=moment)
    )


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
    mrr_total: ConvertedTotal | None  # in the default currency, with several currencies
    paused_members: int  # paying members whose payments are paused: not in MRR
    paused_mrr: list[Money]  # what they would pay a month
    new_members: Change
    churned_members: Change
    past_due_members: int
    unpaid_members: int
    payment_problem_members: int
    gifts_this_month: list[Gifts]
    gifts_last_month: list[Gifts]


def snapshot(now: datetime.datetime | None = None) -> Snapshot:
    """Three queries, whatever the number of members: memberships counted,
    MRR by currency and interval, gifts by currency; a fourth for the
    exchange rates when MRR is in more than one currency."""
    now = now or timezone.now()
    this_month = Month.containing(now)
    last_month = this_month.previous()
    this_start, last_start = this_month.start(), last_month.start()

    joined_in = Membership.objects.joined_in_condition
    churned_in = Membership.objects.churned_in_condition
    distinct_members = {"distinct": True}
    counts = Membership.objects.with_lapsed_at().aggregate(
        active=Count("member", filter=Q(status__in=MEMBER_STATUSES), **distinct_members),
        past_due=Count("member", filter=Q(status=Status.PAST_DUE), **distinct_members),
        unpaid=Count("member", filter=Q(status=Status.UNPAID), **distinct_members),
        problems=Count(
            "member", filter=Q(status__in=PAYMENT_PROBLEM_STATUSES), **distinct_members
        ),
        paused=Count(
            "member",
            filter=Q(status__in=PAYING_STATUSES, payments_paused=True),
            **distinct_members,
        ),
        new_this=Count("member", filter=joined_in(this_start, now), **distinct_members),
        new_last=Count("member", filter=joined_in(last_start, this_start), **distinct_members),
        churned_this=Count("member", filter=churned_in(this_start, now), **distinct_members),
        churned_last=Count(
            "member", filter=churned_in(last_start, this_start), **distinct_members
        ),
    )
    mrr_rows = list(
        without_gift_subscriptions(Membership.objects.filter(status__in=PAYING_STATUSES))
        .values("currency", "interval")
        .order_by()
        .annotate(
            total=Sum("amount", filter=Q(payments_paused=False)),
            paused=Sum("amount", filter=Q(payments_paused=True)),
        )
    )
    mrr = [Money(c, cents) for c, cents in mrr_by_currency(mrr_rows).items()]
    paused = [Money(c, cents) for c, cents in mrr_by_currency(mrr_rows, "paused").items()]
    return Snapshot(
        as_of=now,
        this_month=this_month,
        last_month=last_month,
        active_members=counts["active"],
        mrr=mrr,
        mrr_total=converted_total(mrr),
        paused_members=counts["paused"],
        paused_mrr=paused,
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
    base = memberships.order_by().with_lapsed_at()
    active_at = Membership.objects.active_at_condition
    members = base.aggregate(
        **{
            f"m{i}": Count("member", filter=active_at(moment), distinct=True)
            for i, moment in enumerate(moments)
        }
    )
    sums = list(
        without_gift_subscriptions(base.exclude(status=Status.TRIALING))
        .values("currency", "interval")
        .annotate(
            **{
                f"s{i}": Sum("amount", filter=active_at(moment) & ~paused_at(moment))
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
