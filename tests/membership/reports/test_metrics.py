"""The audience figures: MRR, active, new, churned, payment problems, gifts,
month boundaries in the site's time zone, and the reconstructed monthly series."""

import random
from datetime import timedelta

import pytest

from membership.models import Member, Membership
from membership.months import Month, last_months
from membership.reports import metrics
from tests.membership.reports.conftest import make_gift, make_membership, utc

pytestmark = pytest.mark.django_db

NOW = utc(2026, 3, 15, 12)


def test_months_step_over_year_ends():
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2026, 1).previous() == Month(2025, 12)
    assert [m.key for m in last_months(3, utc(2026, 2, 1, 0))] == [
        "2025-12",
        "2026-01",
        "2026-02",
    ]


def test_mrr_normalises_monthly_yearly_and_custom_amounts_per_currency():
    # US dollars, paying: tier prices and custom amounts, monthly and yearly.
    make_membership(amount=500)  # Supporter, monthly
    make_membership(amount=750)  # custom monthly
    make_membership(amount=1000, status="past_due")  # still paying while Stripe retries
    make_membership(amount=5000, interval="year")  # Supporter, yearly: 416.67 a month
    make_membership(amount=3600, interval="year")  # custom yearly: 300 a month
    # Euros: three yearly amounts whose twelfths only add up to whole cents summed.
    make_membership(amount=800, currency="eur")
    for _ in range(3):
        make_membership(amount=1000, interval="year", currency="eur")
    # Not paying: trial, lapsed, never started.
    make_membership(amount=9900, status="trialing")
    make_membership(amount=9900, status="unpaid")
    make_membership(amount=9900, status="paused")
    make_membership(amount=9900, status="incomplete")
    make_membership(amount=9900, status="canceled", ended=utc(2026, 3, 1))

    figures = metrics.snapshot(NOW)

    # 500 + 750 + 1000 + (5000 + 3600) / 12 = 2966.67 cents
    # 800 + 3 * 1000 / 12 = 1050 cents (not 3 * 83 + 800 = 1049)
    assert [(m.currency, m.cents, m.label) for m in figures.mrr] == [
        ("eur", 1050, "€10.50"),
        ("usd", 2967, "$29.67"),
    ]
    # Members now: active, trialing and past due (the perks' statuses).
    assert figures.active_members == 10


def test_a_member_with_two_memberships_counts_once():
    first = make_membership()
    make_membership(member=first.member, amount=1000, interval="year")
    figures = metrics.snapshot(NOW)
    assert figures.active_members == 1
    assert [m.cents for m in figures.mrr] == [500 + 83]


def test_new_and_churned_this_month_and_last_month_at_the_boundaries(settings):
    settings.TIME_ZONE = "America/New_York"
    # 1 March 2026, 00:00 in New York is 05:00 UTC; 1 February is 05:00 UTC too.
    march = utc(2026, 3, 1, 5)
    february = utc(2026, 2, 1, 5)

    make_membership(started=march - timedelta(seconds=1))  # new in February
    make_membership(started=march)  # new in March
    make_membership(started=february - timedelta(seconds=1))  # new in January
    make_membership(started=february)  # new in February
    make_membership(started=utc(2026, 3, 10), status="incomplete")  # never started

    old = utc(2025, 6, 1)
    make_membership(started=old, ended=march - timedelta(seconds=1), status="canceled")  # Feb
    make_membership(started=old, ended=march, status="canceled")  # churned in March
    make_membership(started=old, ended=utc(2026, 3, 15, 11), status="canceled")  # March
    make_membership(started=old, ended=utc(2026, 4, 1), status="active")  # ends later

    figures = metrics.snapshot(NOW)

    assert (figures.this_month, figures.last_month) == (Month(2026, 3), Month(2026, 2))
    assert (figures.new_members.this_month, figures.new_members.last_month) == (1, 2)
    assert (figures.churned_members.this_month, figures.churned_members.last_month) == (2, 1)
    assert figures.new_members.difference == -1


def test_boundaries_follow_the_site_time_zone(settings):
    started = utc(2026, 3, 1, 2)  # 1 March in UTC, still 28 February in New York
    make_membership(started=started)
    settings.TIME_ZONE = "UTC"
    assert metrics.snapshot(NOW).new_members.this_month == 1
    settings.TIME_ZONE = "America/New_York"
    assert metrics.snapshot(NOW).new_members.this_month == 0
    assert metrics.snapshot(NOW).new_members.last_month == 1


def test_switching_or_rejoining_is_neither_new_nor_churn():
    # Cancelled a monthly membership and took a yearly one the same day.
    switched = make_membership(started=utc(2025, 5, 1), ended=utc(2026, 3, 3), status="canceled")
    make_membership(member=switched.member, started=utc(2026, 3, 3), interval="year")
    # Lapsed in February, came back in March: churned in February, new in March.
    lapsed = make_membership(started=utc(2025, 5, 1), ended=utc(2026, 2, 20), status="canceled")
    make_membership(member=lapsed.member, started=utc(2026, 3, 2))

    figures = metrics.snapshot(NOW)

    assert (figures.new_members.this_month, figures.churned_members.this_month) == (1, 0)
    assert (figures.new_members.last_month, figures.churned_members.last_month) == (0, 1)


def test_payment_problems_are_counted_by_kind():
    make_membership(status="past_due")
    make_membership(status="past_due")
    unpaid = make_membership(status="unpaid")
    make_membership(member=unpaid.member, status="past_due")  # same reader, counted once
    make_membership(status="active")
    figures = metrics.snapshot(NOW)
    assert (figures.past_due_members, figures.unpaid_members) == (3, 1)
    assert figures.payment_problem_members == 3


def test_gifts_this_month_and_last_net_of_refunds(settings):
    settings.TIME_ZONE = "America/New_York"
    march = utc(2026, 3, 1, 5)
    make_gift(1000, at=utc(2026, 3, 2))
    make_gift(2000, at=march, refunded=500, status="partially_refunded")
    make_gift(3000, at=utc(2026, 3, 14), refunded=3000, status="refunded")
    make_gift(1500, "eur", at=utc(2026, 3, 10), status="disputed")
    make_gift(700, at=march - timedelta(seconds=1))  # 23:59:59 on 28 February in New York
    make_gift(900, at=utc(2026, 1, 31))  # January: in neither

    figures = metrics.snapshot(NOW)

    this_month = {
        g.currency: (g.count, g.gross, g.refunded, g.net.cents) for g in figures.gifts_this_month
    }
    assert this_month == {"eur": (1, 1500, 0, 1500), "usd": (2, 6000, 3500, 2500)}
    last_month = {g.currency: (g.count, g.net.label) for g in figures.gifts_last_month}
    assert last_month == {"usd": (1, "$7")}


def test_series_reconstructs_each_month_end():
    now = utc(2026, 4, 10)
    make_membership(started=utc(2026, 1, 10), ended=utc(2026, 3, 5), status="canceled")
    make_membership(started=utc(2026, 2, 1), amount=1200, interval="year", currency="eur")
    # Paused now: counted until we last heard from Stripe (the pause).
    make_membership(started=utc(2025, 12, 1), status="paused", synced=utc(2026, 2, 14))
    make_membership(started=utc(2026, 3, 31, 23), status="trialing")  # a member, no MRR yet
    make_membership(started=utc(2026, 1, 2), status="incomplete_expired")  # never counted

    series = metrics.monthly_series(Membership.objects.all(), 5, now)

    assert [(p.month.key, p.active_members, p.mrr) for p in series] == [
        ("2025-12", 1, {"usd": 500}),
        ("2026-01", 2, {"usd": 1000}),
        ("2026-02", 2, {"eur": 100, "usd": 500}),
        ("2026-03", 2, {"eur": 100}),
        ("2026-04", 2, {"eur": 100}),
    ]
    assert series[-1].as_of == now
    assert series[0].as_of == utc(2026, 1, 1)


def test_series_now_agrees_with_the_dashboard_and_months_add_up():
    """Seeded random histories: the current month's point equals the live
    figures, and for each month, members at its end = members at its start +
    new - churned."""
    rng = random.Random(6)
    now = utc(2026, 3, 15, 12)
    members = []
    for _ in range(60):
        started = utc(2025, 12, 1) + timedelta(hours=rng.randrange(0, 100 * 24))
        if started >= now:
            continue
        roll = rng.random()
        kwargs = {
            "started": started,
            "amount": rng.choice([500, 1000, 5000]),
            "interval": rng.choice(["month", "year"]),
            "currency": rng.choice(["usd", "eur"]),
        }
        if members and rng.random() < 0.2:
            kwargs["member"] = rng.choice(members)
        if roll < 0.3:
            ended = started + timedelta(hours=rng.randrange(1, 60 * 24))
            if ended < now:
                kwargs.update(status="canceled", ended=ended)
        elif roll < 0.4:
            kwargs.update(status=rng.choice(["past_due", "unpaid", "trialing", "incomplete"]))
            kwargs["synced"] = min(started + timedelta(days=1), now - timedelta(seconds=1))
        membership = make_membership(**kwargs)
        members.append(membership.member)
    assert Member.objects.count() > 30

    series = metrics.monthly_series(Membership.objects.all(), 3, now)
    figures = metrics.snapshot(now)

    assert series[-1].active_members == figures.active_members
    assert series[-1].mrr == {m.currency: m.cents for m in figures.mrr}
    january, february, march = series
    assert march.active_members == (
        february.active_members
        + figures.new_members.this_month
        - figures.churned_members.this_month
    )
    assert february.active_members == (
        january.active_members
        + figures.new_members.last_month
        - figures.churned_members.last_month
    )
