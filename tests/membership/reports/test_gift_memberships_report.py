"""Gift memberships in the audience reports: counted by month apart from
MRR, and the subscriptions they create never counted as MRR."""

import datetime

from django.utils import timezone

import pytest

from membership.gifts.models import GiftMembership
from membership.models import Membership
from membership.months import last_months
from membership.reports.gift_memberships import gifts_by_month
from membership.reports.metrics import monthly_series
from tests.membership.reports.conftest import ADMIN_PAGE, make_membership

pytestmark = pytest.mark.django_db

URL = "/admin/audience/gift-memberships/"

# The admin around the report, then gifts counted by month (1) and amounts by
# currency and month (1), whatever the number of gifts.
GIFT_REPORT_QUERIES = ADMIN_PAGE + 2


def make_gift_membership(tier, *, bought, claimed=None, refunded=None, months=3, **fields):
    n = GiftMembership.objects.count() + 1
    status = "refunded" if refunded else "claimed" if claimed else "sent"
    gift = GiftMembership.objects.create(
        checkout_session_id=f"cs_gm_{n}",
        tier=tier,
        months=months,
        amount=tier.monthly_amount * months,
        currency="usd",
        recipient_email=f"friend{n}@example.org",
        deliver_on=bought.date(),
        status=status,
        claimed_at=claimed,
        refunded_at=refunded,
        **fields,
    )
    GiftMembership.objects.filter(pk=gift.pk).update(created_at=bought)
    return gift


@pytest.fixture
def gift_history(report_tiers):
    last, this = last_months(2)
    early_last = last.start() + datetime.timedelta(days=2)
    early_this = this.start() + datetime.timedelta(hours=1)
    supporter, sustainer = report_tiers["supporter"], report_tiers["sustainer"]
    make_gift_membership(supporter, bought=early_last, claimed=early_this)  # $15
    make_gift_membership(sustainer, bought=early_last, refunded=early_last)  # $30, refunded
    make_gift_membership(sustainer, bought=early_this, months=12)  # $120
    return last, this


def test_bought_claimed_and_refunded_by_month(gift_history, django_assert_num_queries):
    last, this = gift_history
    with django_assert_num_queries(2):
        points = {p.month: p for p in gifts_by_month()}
    assert (points[last].bought, points[last].claimed, points[last].refunded) == (2, 0, 1)
    assert points[last].amount_label() == "$15"  # the refunded gift is left out
    assert (points[this].bought, points[this].claimed, points[this].refunded) == (1, 1, 0)
    assert points[this].amount_label() == "$120"


def test_the_report_page(client, staff_in, gift_history, django_assert_num_queries):
    client.force_login(staff_in("Audience"))
    client.get(URL)  # warm caches (content types, the site and its settings)
    with django_assert_num_queries(GIFT_REPORT_QUERIES):
        page = client.get(URL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Gift memberships by month" in html
    assert "$120" in html
    export = client.get(URL, {"export": "csv"})
    assert b"Bought,Amount (not refunded),Claimed,Refunded" in export.getvalue()


def test_a_gift_membership_is_never_mrr(report_tiers):
    last, _ = last_months(2)
    paying = make_membership(tier=report_tiers["supporter"], amount=500)
    given = make_membership(
        tier=report_tiers["sustainer"],
        amount=1000,
        status="canceled",
        started=last.start() + datetime.timedelta(days=1),
        ended=timezone.now() - datetime.timedelta(hours=1),
    )
    make_gift_membership(
        report_tiers["sustainer"],
        bought=last.start(),
        claimed=last.start() + datetime.timedelta(days=1),
        stripe_subscription_id=given.stripe_subscription_id,
    )

    points = monthly_series(Membership.objects.all(), 2)
    assert [p.active_members for p in points] == [2, 1]  # the recipient was a member
    assert [p.mrr for p in points] == [{"usd": paying.amount}] * 2  # but paid nothing
