"""The fake answers the real SDK the way Stripe does, for what we use."""

import pytest
import stripe

from membership import stripe_gateway
from membership.fakestripe import FakeStripe


@pytest.fixture
def sdk(fake_stripe) -> stripe.StripeClient:
    return stripe_gateway.client()


def test_every_request_carries_the_pinned_version_and_posts_an_idempotency_key(
    sdk, fake_stripe, settings
):
    sdk.v1.customers.create({"email": "a@example.org"})
    sdk.v1.prices.list({"lookup_keys": ["x"]})
    assert {r["headers"]["stripe-version"] for r in fake_stripe.requests} == {
        settings.STRIPE_API_VERSION
    }
    assert fake_stripe.requests[0]["headers"]["idempotency-key"]


def test_missing_objects_raise_resource_missing(sdk):
    with pytest.raises(stripe.InvalidRequestError) as error:
        sdk.v1.subscriptions.retrieve("sub_nope")
    assert error.value.code == "resource_missing"
    with pytest.raises(stripe_gateway.NotFound):
        stripe_gateway.retrieve_subscription("sub_nope")


def test_idempotency_key_replays_the_first_answer(sdk, fake_stripe):
    first = sdk.v1.customers.create({"email": "a@example.org"}, {"idempotency_key": "k1"})
    again = sdk.v1.customers.create({"email": "a@example.org"}, {"idempotency_key": "k1"})
    assert first.id == again.id
    assert len(fake_stripe.objects("customer")) == 1
    with pytest.raises(stripe.IdempotencyError):
        sdk.v1.customers.create({"email": "b@example.org"}, {"idempotency_key": "k1"})


def test_wrong_api_key_is_refused(fake_stripe, settings):
    settings.STRIPE_SECRET_KEY = "rk_live_wrong"
    http_client = stripe_gateway.InProcessHTTPClient(fake_stripe.handle)
    client = stripe_gateway.build_client(http_client=http_client)
    with pytest.raises(stripe.AuthenticationError):
        client.v1.customers.create({"email": "a@example.org"})


def test_simulated_outage_maps_to_payments_unavailable(fake_stripe):
    fake_stripe.fail_next()
    with pytest.raises(stripe_gateway.PaymentsUnavailable):
        stripe_gateway.create_customer(email="a@example.org", user_id=1)
    assert stripe_gateway.create_customer(email="a@example.org", user_id=1)["id"]


def _product_and_price(sdk, recurring: bool):
    product = sdk.v1.products.create({"name": "P"})
    params = {"product": product.id, "currency": "usd", "unit_amount": 500}
    if recurring:
        params["recurring"] = {"interval": "month"}
    return product, sdk.v1.prices.create(params)


@pytest.mark.parametrize(
    ("mode", "recurring", "message"),
    [
        ("payment", True, "recurring price"),
        ("subscription", False, "at least one recurring price"),
    ],
)
def test_checkout_rejects_prices_that_do_not_fit_the_mode(sdk, mode, recurring, message):
    _, price = _product_and_price(sdk, recurring)
    with pytest.raises(stripe.InvalidRequestError, match=message):
        sdk.v1.checkout.sessions.create(
            {
                "mode": mode,
                "success_url": "https://x.test/ok",
                "line_items": [{"price": price.id, "quantity": 1}],
            }
        )


def test_checkout_validates_price_data_and_required_params(sdk):
    product, _ = _product_and_price(sdk, True)
    base = {"mode": "subscription", "success_url": "https://x.test/ok"}
    with pytest.raises(stripe.InvalidRequestError, match="line_items"):
        sdk.v1.checkout.sessions.create(base)
    with pytest.raises(stripe.InvalidRequestError, match="success_url"):
        sdk.v1.checkout.sessions.create({"mode": "payment", "line_items": []})
    bad_items = [{"price_data": {"product": product.id, "unit_amount": 500}, "quantity": 1}]
    with pytest.raises(stripe.InvalidRequestError, match="currency"):
        sdk.v1.checkout.sessions.create({**base, "line_items": bad_items})
    small = {"currency": "usd", "product": product.id, "unit_amount": 10}
    small["recurring"] = {"interval": "month"}
    with pytest.raises(stripe.InvalidRequestError) as error:
        sdk.v1.checkout.sessions.create(
            {**base, "line_items": [{"price_data": small, "quantity": 1}]}
        )
    assert error.value.code == "amount_too_small"


def test_lookup_keys_move_to_a_new_price_only_when_asked(sdk):
    product = sdk.v1.products.create({"name": "P"})
    params = {
        "product": product.id,
        "currency": "usd",
        "unit_amount": 500,
        "recurring": {"interval": "month"},
        "lookup_key": "k",
    }
    first = sdk.v1.prices.create(params)
    with pytest.raises(stripe.InvalidRequestError, match="lookup key"):
        sdk.v1.prices.create({**params, "unit_amount": 600})
    second = sdk.v1.prices.create({**params, "unit_amount": 600, "transfer_lookup_key": True})
    found = sdk.v1.prices.list({"lookup_keys": ["k"]}).data
    assert [p.id for p in found] == [second.id] != [first.id]


def test_state_file_survives_a_new_process(tmp_path):
    """Demo payments keep their state when runserver reloads."""
    path = tmp_path / "demo.json"
    first = FakeStripe(path=path)
    first.handle(
        "POST", "/v1/customers", {"Authorization": "Bearer sk_test_x"}, "email=a%40example.org"
    )
    (customer,) = FakeStripe(path=path).objects("customer")
    assert customer["email"] == "a@example.org"


def test_signature_helper_matches_the_sdk(fake_stripe):
    header = fake_stripe.sign('{"a": 1}', "whsec_x", timestamp=1700000000)
    assert header == stripe.WebhookSignature.generate_signature_header(
        '{"a": 1}', "whsec_x", timestamp=1700000000
    )


def test_cancel_at_period_end_through_the_api_queues_stripes_event(fake_stripe, reader, subscribe):
    membership, _ = subscribe(reader)
    sub_id = membership.stripe_subscription_id

    updated = stripe_gateway.cancel_subscription_at_period_end(sub_id)

    assert updated["cancel_at_period_end"] is True
    assert updated["cancel_at"] == updated["items"]["data"][0]["current_period_end"]
    assert updated["items"]["data"][0]["price"]["product"]["object"] == "product"  # expanded
    [event] = fake_stripe.take_events()
    assert event["type"] == "customer.subscription.updated"
    assert event["data"]["object"]["cancel_at_period_end"] is True
    assert fake_stripe.take_events() == []  # each event is handed out once
    stripe_gateway.cancel_subscription_at_period_end(sub_id)  # no change, no event
    assert fake_stripe.take_events() == []

    fake_stripe.cancel_now(sub_id)
    with pytest.raises(stripe_gateway.PaymentsUnavailable):
        stripe_gateway.cancel_subscription_at_period_end(sub_id)
    with pytest.raises(stripe_gateway.NotFound):
        stripe_gateway.cancel_subscription_at_period_end("sub_missing")
