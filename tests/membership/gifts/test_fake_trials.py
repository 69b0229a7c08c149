"""The fake Stripe's trials, as Stripe answers them: what a gift claim sends
is checked the way Stripe checks it."""

import time

import pytest

from membership import stripe_changes
from membership import stripe_gateway as gateway
from membership.billing import ensure_customer
from membership.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(tiers) -> str:
    return ensure_customer(User.objects.create_user("cy@example.org")).stripe_customer_id


def monthly_price(tier) -> str:
    key = tier.lookup_key("month")
    return gateway.prices_by_lookup_key([key])[key]["id"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"trial_end": int(time.time()) - 60}, "must be an integer Unix timestamp in the future"),
        ({"trial_end": int(time.time()) + 800 * 86400}, "no more than 730 days"),
        ({"trial_end": None}, "no attached payment source"),
        ({"coupon": "FREE"}, "Received unknown parameter: coupon"),
    ],
)
def test_a_subscription_stripe_would_refuse_is_refused(tiers, customer, change, message):
    params = {
        "customer": customer,
        "items": [{"price": monthly_price(tiers["supporter"])}],
        "trial_end": int(time.time()) + 86400,
    }
    params = {k: v for k, v in {**params, **change}.items() if v is not None}
    with pytest.raises(gateway.PaymentsUnavailable, match=message):
        stripe_changes.create_subscription(params, idempotency_key=f"test-{message}")


def test_a_trial_that_ends_without_cancel_at_is_charged_once(tiers, customer, fake_stripe):
    trial_end = int(time.time()) + 86400
    sub = stripe_changes.create_subscription(
        {
            "customer": customer,
            "items": [{"price": monthly_price(tiers["supporter"])}],
            "trial_end": trial_end,
        },
        idempotency_key="test-trial",
    )
    assert sub["status"] == "trialing"
    assert [e["type"] for e in fake_stripe.take_events()] == [
        "customer.subscription.created",
        "invoice.paid",  # the $0 first invoice
    ]
    types = [e["type"] for e in fake_stripe.trial_ends(sub["id"])]
    assert types == ["invoice.paid", "customer.subscription.updated"]
    after = fake_stripe.get("subscription", sub["id"])
    assert after["status"] == "active"
    assert after["items"]["data"][0]["current_period_start"] == trial_end
    charges = [c for c in fake_stripe.objects("charge") if c["customer"] == customer]
    assert [c["amount"] for c in charges] == [500]
