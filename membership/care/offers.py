"""The cancel flow's one save offer: stay at a lower amount (the next tier
down in the member's currency and interval, else the currency's floor) or,
for a monthly member, pay yearly at the tier's yearly price in their currency
when that costs less than twelve months. Either one may be taken, once."""

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
    saving: int = 0  # a year, against twelve monthly payments (the yearly offer)

    @property
    def label(self) -> str:
        return f"{format_amount(self.amount, self.currency)} / {self.interval}"

    @property
    def saving_label(self) -> str:
        return format_amount(self.saving, self.currency)


def _open_to_offers(membership: Membership | None) -> bool:
    if membership is None or membership.status != Membership.Status.ACTIVE:
        return False
    if membership.cancel_at_period_end:
        return False
    feedback = CancellationFeedback.objects.filter(membership=membership).first()
    return not (feedback and feedback.offer_accepted_at)


def _lower(membership: Membership) -> Offer | None:
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


def _yearly(membership: Membership) -> Offer | None:
    """The member's tier's yearly price in their currency, for a monthly
    member, when it is less than twelve of their monthly payments."""
    if membership.interval != "month" or membership.tier is None:
        return None
    yearly = membership.tier.amount("year", membership.currency)
    twelve = 12 * membership.amount
    if yearly is None or yearly >= twelve:
        return None
    return Offer(yearly, membership.currency, "year", saving=twelve - yearly)


def save_offers(membership: Membership | None) -> list[Offer]:
    """The ways to stay on the table: a lower amount, paying yearly, both or
    neither (nothing cheaper to offer, or an offer was taken already)."""
    if not _open_to_offers(membership):
        return []
    return [offer for offer in (_lower(membership), _yearly(membership)) if offer is not None]


def accept(membership: Membership, shown_amount: int, shown_interval: str = "") -> Offer:
    """Put the subscription on the offered amount (and interval) from the
    next payment on. ``shown_amount`` and ``shown_interval`` must be an offer
    the page showed: a second click, or a page older than the change, is
    refused.

    A new amount changes the subscription's one item without proration. A
    switch to yearly also sets ``trial_end`` to the end of the period already
    paid: Stripe would otherwise restart the billing cycle and charge the year
    at once; this way the member pays nothing now and the year from that day."""
    interval = shown_interval or membership.interval
    offer = next(
        (o for o in save_offers(membership) if (o.amount, o.interval) == (shown_amount, interval)),
        None,
    )
    if offer is None:
        raise OfferGone
    product = membership.tier.stripe_product_id if membership.tier else ""
    if not product:
        raise OfferGone
    sub = gateway.retrieve_subscription(membership.stripe_subscription_id)
    item = sub["items"]["data"][0]
    synced = int(membership.stripe_synced_at.timestamp()) if membership.stripe_synced_at else 0
    switching = offer.interval != membership.interval
    stripe_changes.change_price(
        membership.stripe_subscription_id,
        item["id"],
        {
            "currency": offer.currency,
            "product": product,
            "unit_amount": offer.amount,
            "recurring": {"interval": offer.interval},
        },
        trial_end=item["current_period_end"] if switching else None,
        idempotency_key=(
            f"save-offer-{membership.stripe_subscription_id}-{offer.interval}-{offer.amount}-{synced}"
        ),
    )
    with transaction.atomic():
        feedback, _ = CancellationFeedback.objects.select_for_update().get_or_create(
            membership=membership
        )
        feedback.offered_amount = offer.amount
        feedback.offer_accepted_at = timezone.now()
        feedback.save()
    return offer
