"""The cancel flow's one save offer: stay at a lower amount (the next tier
down in the member's currency and interval, else the currency's floor)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from membership import stripe_changes
from membership import stripe_gateway as gateway
from membership.models import CancellationFeedback, Currency, Membership, Tier, format_amount


class OfferGone(Exception):
    """The offer shown is no longer the one on the table (already taken, or the amount changed)."""


@dataclass(frozen=True)
class Offer:
    amount: int
    currency: str
    interval: str

    @property
    def label(self) -> str:
        return f"{format_amount(self.amount, self.currency)} / {self.interval}"


def save_offer(membership: Membership | None) -> Offer | None:
    """A lower amount to stay at, or None (nothing lower to offer, or the
    offer was taken already)."""
    if membership is None or membership.status != Membership.Status.ACTIVE:
        return None
    if membership.cancel_at_period_end:
        return None
    feedback = CancellationFeedback.objects.filter(membership=membership).first()
    if feedback and feedback.offer_accepted_at:
        return None
    floor = Currency.floors(membership.currency)[membership.interval]
    tiers = Tier.objects.active().prefetch_related("prices")
    lower = [
        amount
        for tier in tiers
        if (amount := tier.amount(membership.interval, membership.currency)) is not None
        and floor <= amount < membership.amount
    ]
    amount = max(lower) if lower else floor
    if amount >= membership.amount:
        return None
    return Offer(amount, membership.currency, membership.interval)


def accept(membership: Membership, shown_amount: int) -> Offer:
    """Put the subscription on the offered amount from the next payment on.
    ``shown_amount`` must be the offer the page showed: a second click, or a
    page older than the change, is refused."""
    offer = save_offer(membership)
    if offer is None or offer.amount != shown_amount:
        raise OfferGone
    product = membership.tier.stripe_product_id if membership.tier else ""
    if not product:
        raise OfferGone
    sub = gateway.retrieve_subscription(membership.stripe_subscription_id)
    synced = int(membership.stripe_synced_at.timestamp()) if membership.stripe_synced_at else 0
    stripe_changes.change_price(
        membership.stripe_subscription_id,
        sub["items"]["data"][0]["id"],
        {
            "currency": offer.currency,
            "product": product,
            "unit_amount": offer.amount,
            "recurring": {"interval": offer.interval},
        },
        idempotency_key=f"save-offer-{membership.stripe_subscription_id}-{offer.amount}-{synced}",
    )
    with transaction.atomic():
        feedback, _ = CancellationFeedback.objects.select_for_update().get_or_create(
            membership=membership
        )
        feedback.offered_amount = offer.amount
        feedback.offer_accepted_at = timezone.now()
        feedback.save()
    return offer
