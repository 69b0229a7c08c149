"""Demo payments: each subscription has its own simulated clock, and periods
are calendar months and years as Stripe bills them."""

import datetime
import time

import pytest

from membership.fakestripe.clock import add_periods
from membership.models import Membership
from membership.reports.metrics import monthly_series, snapshot

pytestmark = pytest.mark.django_db


def utc(*args: int) -> int:
    return int(datetime.datetime(*args, tzinfo=datetime.UTC).timestamp())


def period_end(fake_stripe, membership: Membership) -> int:
    sub = fake_stripe.get("subscription", membership.stripe_subscription_id)
    return sub["items"]["data"][0]["current_period_end"]


def test_simulating_a_renewal_moves_only_that_subscription(
    reader, django_user_model, subscribe, fake_stripe, deliver
):
    first, _ = subscribe(reader)
    ends = period_end(fake_stripe, first)
    assert deliver(fake_stripe.renew(first.stripe_subscription_id))[0].status_code == 200

    joined = int(time.time())
    other = django_user_model.objects.create_user("bo@example.org")
    second, _ = subscribe(other)

    sub = fake_stripe.get("subscription", second.stripe_subscription_id)
    assert joined - 1 <= sub["start_date"] <= int(time.time()) + 1
    assert abs(second.started_at.timestamp() - joined) <= 2
    assert period_end(fake_stripe, second) == add_periods(sub["start_date"], "month", 1)
    first_sub = fake_stripe.get("subscription", first.stripe_subscription_id)
    assert period_end(fake_stripe, first) == add_periods(first_sub["start_date"], "month", 2)
    assert period_end(fake_stripe, first) > ends
    # The dashboard and the by-month report agree on this month's MRR.
    [dashboard_mrr] = snapshot().mrr
    this_month = monthly_series(Membership.objects.all(), 1)[-1]
    assert dashboard_mrr.cents == this_month.mrr["usd"] == 1000
    assert this_month.active_members == snapshot().active_members == 2


@pytest.mark.parametrize(
    ("start", "interval", "ends"),
    [
        (utc(2027, 1, 31, 12), "month", [utc(2027, 2, 28, 12), utc(2027, 3, 31, 12)]),
        (utc(2028, 1, 30, 9), "month", [utc(2028, 2, 29, 9), utc(2028, 3, 30, 9)]),
        (utc(2027, 5, 15), "month", [utc(2027, 6, 15), utc(2027, 7, 15)]),
        (utc(2028, 2, 29, 8), "year", [utc(2029, 2, 28, 8), utc(2030, 2, 28, 8)]),
    ],
)
def test_periods_are_calendar_months_and_years(
    reader, subscribe, fake_stripe, start, interval, ends
):
    fake_stripe.store.clock = lambda: start
    membership, _ = subscribe(reader, interval=interval)
    assert period_end(fake_stripe, membership) == ends[0]
    fake_stripe.renew(membership.stripe_subscription_id)
    assert period_end(fake_stripe, membership) == ends[1]
