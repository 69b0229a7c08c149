"""A Stripe subscription, re-read from Stripe, mirrored as a Membership."""

from typing import Any

from django.utils import timezone

from membership import stripe_gateway as gateway
from membership.appeals.counters import count_conversion
from membership.models import Member, Membership, Tier
from membership.sync.attribution import attribution
from membership.sync.ignore import Ignore
from membership.sync.notices import notify_once
from membership.sync.timestamps import from_timestamp


def subscription_fields(sub: dict) -> dict[str, Any]:
    """The columns of a Membership, from a (re-fetched) Stripe subscription."""
    item = sub["items"]["data"][0]
    price = item["price"]
    # A multi-currency price charges its amount in the subscription's currency.
    currency = sub.get("currency") or price["currency"]
    option = (price.get("currency_options") or {}).get(currency) or {}
    unit_amount = option.get("unit_amount", price["unit_amount"])
    return {
        "status": sub["status"],
        "interval": price["recurring"]["interval"],
        "amount": unit_amount * (item.get("quantity") or 1),
        "currency": currency,
        "current_period_end": from_timestamp(item.get("current_period_end")),
        "cancel_at_period_end": bool(sub.get("cancel_at_period_end")),
        "cancel_at": from_timestamp(sub.get("cancel_at")),
        "payments_paused": bool(sub.get("pause_collection")),
        "paused_until": from_timestamp((sub.get("pause_collection") or {}).get("resumes_at")),
        "started_at": from_timestamp(sub.get("start_date")),
        "canceled_at": from_timestamp(sub.get("canceled_at")),
        "ended_at": from_timestamp(sub.get("ended_at")),
    }


def product_id_of(sub: dict) -> str:
    product = sub["items"]["data"][0]["price"]["product"]
    return product["id"] if isinstance(product, dict) else product


def sync_subscription(subscription_id: str, *, checkout_session_id: str = "") -> Membership:
    """Create or update the Membership for one subscription, from Stripe's
    current state. Raises :class:`Ignore` for customers and products that are
    not ours (a shared Stripe account must not create members)."""
    try:
        sub = gateway.retrieve_subscription(subscription_id)
    except gateway.NotFound:
        raise Ignore(f"subscription {subscription_id} does not exist") from None
    # Lock the member: every change to one reader's memberships is serialised.
    member = Member.objects.select_for_update().filter(stripe_customer_id=sub["customer"]).first()
    if member is None:
        raise Ignore(f"customer {sub['customer']} is not one of our members")
    membership = (
        Membership.objects.select_for_update()
        .filter(stripe_subscription_id=subscription_id)
        .first()
    )
    tier = Tier.objects.filter(stripe_product_id=product_id_of(sub)).first()
    if tier is None and membership is None:
        raise Ignore(f"product {product_id_of(sub)} is not a membership tier")
    if membership is None:
        membership = Membership(
            member=member,
            stripe_subscription_id=subscription_id,
            **attribution(sub.get("metadata") or {}),
        )
    for field, value in subscription_fields(sub).items():
        setattr(membership, field, value)
    if tier is not None:
        membership.tier = tier
    if checkout_session_id:
        membership.checkout_session_id = checkout_session_id
    membership.stripe_synced_at = timezone.now()
    if membership.grants_benefits:
        # Counted once, when Stripe first reports it paid (the member row is
        # locked, and conversion_counted_at is saved with the membership).
        count_conversion(membership)
    membership.save()

    if membership.grants_benefits:
        notify_once(f"welcome:{subscription_id}", "welcome", membership.pk)
    if membership.cancel_at_period_end or membership.status == Membership.Status.CANCELED:
        when = sub.get("canceled_at") or sub.get("ended_at") or sub.get("cancel_at")
        notify_once(f"cancel:{subscription_id}:{when}", "cancellation", membership.pk)
    return membership


def subscription_of_invoice(invoice: dict) -> str:
    """Since API 2025-03-31 an invoice names its subscription under ``parent``."""
    parent = invoice.get("parent") or {}
    details = parent.get("subscription_details") or {}
    subscription = details.get("subscription")
    if not subscription:
        raise Ignore(f"invoice {invoice.get('id')} is not for a subscription")
    return subscription["id"] if isinstance(subscription, dict) else subscription
