"""Claiming a gift membership, once.

A reader without a paying membership gets a Stripe subscription to the
gift's tier that is a trial ending on the prepaid date (``trial_end`` and
``cancel_at``: no card, never charged, it simply ends). A reader who already
has a membership keeps it, and its next charge moves back by the gifted
months (``trial_end`` on their subscription, ``proration_behavior=none``), so
nobody holds two memberships or pays twice. Either way the local Membership
is re-read from Stripe here, and again by the webhooks that follow.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from membership import billing, stripe_changes
from membership import stripe_gateway as gateway
from membership.gifts.models import GiftMembership
from membership.models import Member, Membership, User
from membership.months import add_months
from membership.sync.subscriptions import sync_subscription
from membership.sync.timestamps import from_timestamp


class NotClaimable(Exception):
    """Claimed already, refunded, expired or not sent yet (the message says which)."""


def _timestamp(moment: datetime.datetime) -> int:
    return int(moment.timestamp())


def _new_subscription(gift: GiftMembership, customer_id: str, now: datetime.datetime) -> dict:
    key = gift.tier.lookup_key("month")
    price = gateway.prices_by_lookup_key([key]).get(key)
    if price is None:
        raise gateway.PaymentsUnavailable(f"No active Stripe price for {key}.")
    ends = _timestamp(add_months(now, gift.months))
    return stripe_changes.create_subscription(
        {
            "customer": customer_id,
            "items": [{"price": price["id"]}],
            "trial_end": ends,
            "cancel_at": ends,
            "trial_settings": {"end_behavior": {"missing_payment_method": "cancel"}},
            "metadata": {"newsroom": "gift_membership", "gift": str(gift.pk)},
        },
        idempotency_key=f"gift-membership-claim-{gift.pk}",
    )


def _extend(gift: GiftMembership, membership: Membership) -> dict:
    """Move the next charge of a running subscription back by the gift's months,
    from the end of what is already paid for (or already given)."""
    sub = gateway.retrieve_subscription(membership.stripe_subscription_id)
    paid_until = from_timestamp(sub["items"]["data"][0]["current_period_end"])
    new_end = _timestamp(add_months(paid_until, gift.months))
    params: dict = {"trial_end": new_end, "proration_behavior": "none"}
    if sub.get("cancel_at"):  # set to end (an earlier gift, or cancelled): end later
        params["cancel_at"] = new_end
    return stripe_changes.update_subscription(
        sub["id"], params, idempotency_key=f"gift-membership-claim-{gift.pk}"
    )


def claim(gift_id: int, user: User) -> GiftMembership:
    """Claim the gift for ``user``. Raises :class:`NotClaimable`, or
    ``PaymentsUnavailable`` (nothing claimed: the reader can try again)."""
    member = billing.ensure_customer(user)
    with transaction.atomic():
        # The member first, as every change to one reader's memberships does
        # (``sync_subscription``): two gifts claimed at once make one membership.
        Member.objects.select_for_update().filter(pk=member.pk).first()
        gift = GiftMembership.objects.select_for_update().select_related("tier").get(pk=gift_id)
        now = timezone.now()
        if not gift.claimable(now):
            raise NotClaimable(gift.why_not_claimable(now))
        current = (
            Membership.objects.select_for_update()
            .granting_benefits()
            .filter(member=member)
            .order_by("-current_period_end")
            .first()
        )
        if current is not None:
            sub = _extend(gift, current)
        else:
            sub = _new_subscription(gift, member.stripe_customer_id, now)
        membership = sync_subscription(sub["id"])
        gift.status = GiftMembership.Status.CLAIMED
        gift.claimed_at = now
        gift.claimed_by = user
        gift.stripe_subscription_id = sub["id"]
        gift.extended_existing = current is not None
        gift.benefits_until = membership.ends_at or membership.current_period_end
        gift.save()
    return gift
