"""Audience reports: staff in each role, and memberships and gifts with chosen
timestamps (the figures are about when things happened, so these rows are
written directly; the Stripe path that fills them is tested elsewhere)."""

import datetime
import itertools
from collections.abc import Callable

from django.contrib.auth.models import Group

import pytest

from membership.models import Contribution, Member, Membership, Tier, User

_numbers = itertools.count(1)

# Every audience admin page, for a member of the Audience group: session,
# user, the user's and their groups' permissions, Wagtail's user profile, the
# audience group check (6); the sidebar: locales, page, collection and site
# permissions (4) — the site and its settings come from the cache
# (articles.cache). (Editors cost one more: with page permissions, the
# sidebar also looks up their explorer's root page.)
ADMIN_PAGE = 10
# An export or a redirect: the admin's checks without the sidebar.
ADMIN_CHECKS = 6


def utc(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=datetime.UTC)


@pytest.fixture
def staff_in(db) -> Callable[[str], User]:
    """A user in one of the groups the migrations create ("superuser" for one)."""

    def make(group: str) -> User:
        n = next(_numbers)
        if group == "superuser":
            return User.objects.create_superuser(f"admin{n}@example.org", "pw-long-enough-1")
        user = User.objects.create_user(f"{group.lower()}{n}@example.org", "pw-long-enough-1")
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def report_tiers(db) -> dict[str, Tier]:
    return {
        "supporter": Tier.objects.create(
            slug="supporter", name="Supporter", monthly_amount=500, yearly_amount=5000
        ),
        "sustainer": Tier.objects.create(
            slug="sustainer", name="Sustainer", monthly_amount=1000, yearly_amount=10000
        ),
    }


def make_membership(
    *,
    email: str | None = None,
    member: Member | None = None,
    status: str = "active",
    interval: str = "month",
    amount: int = 500,
    currency: str = "usd",
    started: datetime.datetime | None = None,
    ended: datetime.datetime | None = None,
    canceled: datetime.datetime | None = None,
    synced: datetime.datetime | None = None,
    tier: Tier | None = None,
) -> Membership:
    n = next(_numbers)
    if member is None:
        user = User.objects.create_user(email or f"reader{n}@example.org")
        member = Member.objects.create(user=user, stripe_customer_id=f"cus_r{n}")
    return Membership.objects.create(
        member=member,
        stripe_subscription_id=f"sub_r{n}",
        tier=tier,
        status=status,
        interval=interval,
        amount=amount,
        currency=currency,
        started_at=started or utc(2026, 1, 5, 12),
        ended_at=ended,
        canceled_at=canceled or ended,
        stripe_synced_at=synced or ended or started or utc(2026, 1, 5, 12),
    )


def make_gift(
    amount: int,
    currency: str = "usd",
    *,
    at: datetime.datetime,
    refunded: int = 0,
    status: str = "paid",
) -> Contribution:
    n = next(_numbers)
    gift = Contribution.objects.create(
        checkout_session_id=f"cs_gift_{n}",
        email=f"giver{n}@example.org",
        amount=amount,
        amount_refunded=refunded,
        currency=currency,
        status=status,
    )
    Contribution.objects.filter(pk=gift.pk).update(created_at=at)  # auto_now_add otherwise
    return gift
