"""The Checkout Session for a gift membership: ``mode=payment``, never
renewing. What the buyer chose travels in the session's metadata; the gift
is recorded only when Stripe reports the payment (``records``)."""

from typing import Any

from membership import billing
from membership import stripe_gateway as gateway
from membership.branding import site_name
from membership.gifts.models import CHECKOUT_KIND
from membership.models import Tier, User


def start_checkout(
    user: User | None,
    *,
    tier: Tier,
    months: int,
    amount: int,
    recipient_email: str,
    message: str,
    deliver_on: str,
    attribution: dict,
) -> str:
    """A hosted Checkout page for the gift; returns its URL. Guests may buy
    (Stripe asks them for their email)."""
    if not tier.stripe_product_id:
        raise gateway.PaymentsUnavailable(f"Tier {tier.slug} is not synced to Stripe.")
    metadata = billing.checkout_metadata(
        CHECKOUT_KIND,
        user,
        attribution,
        tier=tier.slug,
        months=str(months),
        recipient=recipient_email,
        deliver_on=deliver_on,
        message=message,
    )
    length = "1 month" if months == 1 else f"{months} months"
    params: dict[str, Any] = {
        "mode": "payment",
        "line_items": [
            {
                "price_data": {
                    "currency": tier.currency,
                    "unit_amount": amount,
                    "product": tier.stripe_product_id,
                },
                "quantity": 1,
            }
        ],
        "metadata": metadata,
        "payment_intent_data": {
            "metadata": metadata,
            "description": f"Gift membership: {tier.name}, {length} ({site_name()})",
        },
        "success_url": billing.absolute("membership:gift_thanks")
        + "?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": billing.absolute("membership:gift"),
    }
    if user is not None:
        params["customer"] = billing.ensure_customer(user).stripe_customer_id
        params["client_reference_id"] = str(user.pk)
    else:
        params["customer_creation"] = "always"
    return gateway.create_checkout_session(params)["url"]
