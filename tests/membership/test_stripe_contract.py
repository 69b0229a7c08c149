"""Optional contract check against real Stripe test mode: the same shapes our
handlers read, from the real API. Set STRIPE_TEST_SECRET_KEY (an sk_test_ key)
to run it; it needs network access to api.stripe.com."""

import os

from django.core.management import call_command

import pytest
import stripe

from membership import stripe_gateway
from membership.models import Member, Membership, Tier
from membership.sync.subscriptions import sync_subscription

KEY = os.environ.get("STRIPE_TEST_SECRET_KEY", "")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not KEY.startswith("sk_test_"),
        reason="contract check against Stripe test mode: set STRIPE_TEST_SECRET_KEY=sk_test_…",
    ),
]


@pytest.fixture
def real_stripe(settings):
    settings.STRIPE_SECRET_KEY = KEY
    settings.STRIPE_API_BASE = ""
    settings.STRIPE_MAX_NETWORK_RETRIES = 2
    stripe_gateway.install(None)
    yield stripe_gateway.client()
    stripe_gateway.install(None)


def test_join_and_cancel_against_stripe_test_mode(
    real_stripe, reader, django_capture_on_commit_callbacks
):
    suffix = os.urandom(4).hex()
    Tier.objects.create(
        slug=f"contract-{suffix}", name="Contract", monthly_amount=500, yearly_amount=5000
    )
    call_command("stripe_sync_tiers", stdout=open(os.devnull, "w"))  # noqa: SIM115
    tier = Tier.objects.get()
    member = Member.objects.create(user=reader)
    customer = real_stripe.v1.customers.create(
        {
            "email": reader.email,
            "payment_method": "pm_card_visa",
            "invoice_settings": {"default_payment_method": "pm_card_visa"},
        }
    )
    member.stripe_customer_id = customer.id
    member.save()
    price = stripe_gateway.prices_by_lookup_key([tier.lookup_key("month")])[
        tier.lookup_key("month")
    ]
    sub = real_stripe.v1.subscriptions.create(
        {"customer": customer.id, "items": [{"price": price["id"]}]}
    )
    with django_capture_on_commit_callbacks(execute=True):
        membership = sync_subscription(sub.id)
    assert (membership.status, membership.amount) == ("active", 500)
    assert membership.current_period_end is not None
    invoice = real_stripe.v1.invoices.retrieve(sub.latest_invoice)
    assert invoice.parent.subscription_details.subscription == sub.id

    real_stripe.v1.subscriptions.cancel(sub.id)
    sync_subscription(sub.id)
    assert Membership.objects.get().status == "canceled"
    real_stripe.v1.products.update(tier.stripe_product_id, {"active": False})
    assert isinstance(sub, stripe.Subscription)
