"""Mirror Stripe's state locally. Called by webhook handlers and the
reconcile command, always inside a transaction; every function is idempotent
and re-reads Stripe, so the order events arrive in does not matter."""

import datetime
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from membership import emails
from membership import stripe_gateway as gateway
from membership.appeals.counters import count_conversion
from membership.ids import parse_id
from membership.models import Appeal, Contribution, Member, Membership, SentNotice, Tier, User

logger = logging.getLogger(__name__)


class Ignore(Exception):
    """Not ours or nothing to do: acknowledge the event and record why."""


def from_timestamp(value: int | None) -> datetime.datetime | None:
    return datetime.datetime.fromtimestamp(value, tz=datetime.UTC) if value else None


def notify_once(key: str, kind: str, object_id: int) -> bool:
    """Send email ``kind`` after commit, unless ``key`` was already sent."""
    _, created = SentNotice.objects.get_or_create(key=key)
    if created:
        transaction.on_commit(lambda: emails.send_notice.enqueue(kind, object_id))
    return created


def _attribution(metadata: dict) -> dict[str, Any]:
    page_id = parse_id(metadata.get("article"))
    exists = page_id is not None and Page.objects.filter(pk=page_id).exists()
    appeal = str(metadata.get("appeal") or "")[:64]
    # An appeal's button carries its id (``membership.appeals``); other links
    # may carry any short label, kept as text only.
    appeal_id = parse_id(appeal)
    if appeal_id is not None and not Appeal.objects.filter(pk=appeal_id).exists():
        appeal_id = None
    return {
        "source_page_id": page_id,
        "source_article_id": page_id if exists else None,
        "appeal": appeal,
        "source_appeal_id": appeal_id,
    }


def subscription_fields(sub: dict) -> dict[str, Any]:
    """The columns of a Membership, from a (re-fetched) Stripe subscription."""
    item = sub["items"]["data"][0]
    price = item["price"]
    return {
        "status": sub["status"],
        "interval": price["recurring"]["interval"],
        "amount": price["unit_amount"] * (item.get("quantity") or 1),
        "currency": price["currency"],
        "current_period_end": from_timestamp(item.get("current_period_end")),
        "cancel_at_period_end": bool(sub.get("cancel_at_period_end")),
        "cancel_at": from_timestamp(sub.get("cancel_at")),
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
            **_attribution(sub.get("metadata") or {}),
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


def record_contribution(session: dict) -> Contribution:
    """The Contribution for a paid one-time Checkout Session (idempotent)."""
    metadata = session.get("metadata") or {}
    if metadata.get("newsroom") != "gift":
        raise Ignore(f"checkout session {session['id']} is not one of our gifts")
    user_id = parse_id(metadata.get("user_id"))
    user = User.objects.filter(pk=user_id).first() if user_id else None
    email = ((session.get("customer_details") or {}).get("email") or "").strip().lower()
    contribution, created = Contribution.objects.get_or_create(
        checkout_session_id=session["id"],
        defaults={
            "payment_intent_id": session.get("payment_intent") or "",
            "stripe_customer_id": session.get("customer") or "",
            "user": user,
            "email": email or (user.email if user else ""),
            "amount": session["amount_total"],
            "currency": session["currency"],
            **_attribution(metadata),
        },
    )
    if created and count_conversion(contribution):
        contribution.save(update_fields=["conversion_counted_at"])
    notify_once(f"gift:{session['id']}", "gift_thanks", contribution.pk)
    return contribution
