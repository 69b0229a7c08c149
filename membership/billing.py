"""Starting payments: Stripe customers, Checkout Sessions, portal sessions.

Nothing here grants anything; state changes only when Stripe's webhooks
arrive (``membership.sync``)."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from membership import stripe_gateway as gateway
from membership.branding import site_name
from membership.models import Member, Membership, Tier, User
from membership.sync.ignore import Ignore
from membership.sync.subscriptions import sync_subscription


class AlreadyMember(Exception):
    """The reader has a membership that grants perks: manage it instead."""


class NoBillingAccount(Exception):
    """The reader has never paid through Stripe; there is nothing to manage."""


def absolute(view_name: str) -> str:
    return settings.SITE_URL + reverse(view_name)


def ensure_customer(user: User) -> Member:
    """The reader's Member row with a Stripe customer, created once: under a
    row lock and with a deterministic idempotency key, so two clicks (or two
    processes) never create two customers."""
    with transaction.atomic():
        Member.objects.get_or_create(user=user)
        member = Member.objects.select_for_update().get(user=user)
        if not member.stripe_customer_id:
            customer = gateway.create_customer(email=user.email, user_id=user.pk)
            member.stripe_customer_id = customer["id"]
            member.save(update_fields=["stripe_customer_id"])
    return member


def has_active_membership(user: User) -> bool:
    return Membership.objects.granting_benefits().filter(member__user=user).exists()


def _paid_but_not_yet_recorded(member: Member) -> bool:
    """Ask Stripe too: the reader may have just paid in another tab while the
    webhook is still on its way. Any such membership is recorded now."""
    found = False
    for sub in gateway.list_subscriptions(member.stripe_customer_id):
        if sub["status"] not in Membership.BENEFIT_STATUSES:
            continue
        try:
            with transaction.atomic():
                sync_subscription(sub["id"])
        except Ignore:  # another product sold from the same Stripe account
            continue
        found = True
    return found


def checkout_metadata(
    kind: str, user: User | None, attribution: dict, **extra: str
) -> dict[str, str]:
    meta = {
        "newsroom": kind,
        "user_id": str(user.pk) if user else "",
        "article": str(attribution.get("source_page_id") or ""),
        "appeal": attribution.get("appeal") or "",
        "newsletter": str(attribution.get("newsletter") or ""),
        "newsletter_issue": str(attribution.get("newsletter_issue") or ""),
        **extra,
    }
    return {k: v for k, v in meta.items() if v}


def start_membership_checkout(
    user: User,
    tier: Tier,
    interval: str,
    amount: int | None,
    attribution: dict,
    currency: str | None = None,
) -> str:
    """A Checkout Session for a subscription; returns the URL to send the reader to.
    ``amount`` (cents) is a custom amount, else the tier's price for ``interval``;
    both in ``currency`` (default: the tier's own), which the session names so
    Checkout charges the tier price's matching currency option."""
    currency = currency or tier.currency
    if has_active_membership(user):
        raise AlreadyMember
    if not tier.stripe_product_id:
        raise gateway.PaymentsUnavailable(f"Tier {tier.slug} is not synced to Stripe.")
    member = ensure_customer(user)
    if _paid_but_not_yet_recorded(member):
        raise AlreadyMember
    if amount is None:
        key = tier.lookup_key(interval)
        price = gateway.prices_by_lookup_key([key]).get(key)
        if price is None:
            raise gateway.PaymentsUnavailable(f"No active Stripe price for {key}.")
        line_item: dict[str, Any] = {"price": price["id"], "quantity": 1}
    else:
        line_item = {
            "price_data": {
                "currency": currency,
                "product": tier.stripe_product_id,
                "unit_amount": amount,
                "recurring": {"interval": interval},
            },
            "quantity": 1,
        }
    metadata = checkout_metadata(
        "membership", user, attribution, tier=tier.slug, interval=interval
    )
    session = gateway.create_checkout_session(
        {
            "mode": "subscription",
            "currency": currency,
            "customer": member.stripe_customer_id,
            "client_reference_id": str(user.pk),
            "line_items": [line_item],
            "metadata": metadata,
            "subscription_data": {"metadata": metadata},
            "success_url": absolute("membership:thanks") + "?session_id={CHECKOUT_SESSION_ID}",
            "cancel_url": absolute("membership:checkout_canceled"),
        }
    )
    return session["url"]


def start_gift_checkout(
    user: User | None, amount: int, attribution: dict, currency: str | None = None
) -> str:
    """A Checkout Session for a one-time gift (``amount`` in ``currency``,
    default: the newsroom's); no account needed."""
    metadata = checkout_metadata("gift", user, attribution)
    params: dict[str, Any] = {
        "mode": "payment",
        "submit_type": "donate",
        "line_items": [
            {
                "price_data": {
                    "currency": currency or settings.MEMBERSHIP_CURRENCY,
                    "unit_amount": amount,
                    "product_data": {"name": f"One-time gift to {site_name()}"},
                },
                "quantity": 1,
            }
        ],
        "metadata": metadata,
        "payment_intent_data": {"metadata": metadata},
        "success_url": absolute("membership:thanks") + "?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": absolute("membership:checkout_canceled"),
    }
    if user is not None:
        params["customer"] = ensure_customer(user).stripe_customer_id
        params["client_reference_id"] = str(user.pk)
    else:
        params["customer_creation"] = "always"
    return gateway.create_checkout_session(params)["url"]


def portal_url(user: User, *, cancel: Membership | None = None) -> str:
    """A fresh Customer Portal session for this reader's own customer; the
    customer id comes from our database, never from the request. With
    ``cancel`` (one of the reader's memberships) it opens on cancelling it."""
    member = Member.objects.filter(user=user).exclude(stripe_customer_id=None).first()
    if member is None:
        raise NoBillingAccount
    session = gateway.create_portal_session(
        customer_id=member.stripe_customer_id,
        return_url=absolute("membership:account"),
        cancel_subscription=cancel.stripe_subscription_id
        if cancel is not None and cancel.member_id == member.pk
        else "",
    )
    return session["url"]
