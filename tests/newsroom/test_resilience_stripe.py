"""Stripe unavailable when a reader starts Checkout (joining or giving).

The reader is told that payments are unavailable and nothing was charged
(a 503 with the form re-shown), the failure is logged, and nothing is
half-created: no membership or contribution, and never a second Stripe
customer. Stripe is taken down at each call the flow makes, in turn, by a
transport in front of the fake Stripe that makes it answer with its own
simulated outage.

Webhook processing during an outage (500, then success on redelivery) is
tested in tests/membership/test_webhook_inbox.py
(test_stripe_outage_during_processing_rolls_back_and_retry_succeeds).
"""

import logging
from urllib.parse import urlsplit

from django.urls import reverse

import pytest

from membership import stripe_gateway
from membership.models import Contribution, Member, Membership
from membership.views.join import UNAVAILABLE

CONFIRM = reverse("membership:join_confirm")
GIVE = reverse("membership:give")
MESSAGE = "nothing was charged"


class Outage:
    """Stripe is down for ``calls`` (method, path prefix) until ``end()``."""

    def __init__(self, fake, *calls: tuple[str, str]) -> None:
        self.fake, self.calls, self.failed = fake, calls, 0
        transport = stripe_gateway.InProcessHTTPClient(self.handle)
        stripe_gateway.install(stripe_gateway.build_client(http_client=transport))

    def handle(self, method, url, headers, body):
        path = urlsplit(url).path
        if self.calls and any(method == m and path.startswith(p) for m, p in self.calls):
            self.fake.fail_next(1, status=503)
            self.failed += 1
        return self.fake.handle(method, url, headers, body)

    def end(self) -> None:
        self.calls = ()


# The Stripe calls that starting a membership makes, in order.
JOIN_CALLS = [
    ("POST", "/v1/customers"),
    ("GET", "/v1/subscriptions"),
    ("GET", "/v1/prices"),
    ("POST", "/v1/checkout/sessions"),
]


def gateway_errors(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "membership.stripe_gateway" and r.levelno >= logging.ERROR
    ]


@pytest.mark.parametrize("call", JOIN_CALLS, ids=[f"{m} {p}" for m, p in JOIN_CALLS])
def test_outage_at_each_step_of_joining(client, tiers, reader, fake_stripe, caplog, call):
    client.force_login(reader)
    outage = Outage(fake_stripe, call)
    choice = {"tier": "supporter", "interval": "month"}

    response = client.post(CONFIRM, choice)

    assert outage.failed == 1
    assert response.status_code == 503
    page = response.content.decode()
    assert MESSAGE in page
    assert 'name="tier"' in page  # the form, re-shown
    assert gateway_errors(caplog), "the outage was not logged"
    assert not Membership.objects.exists()
    assert not Contribution.objects.exists()
    assert fake_stripe.objects("checkout.session") == []
    customers = fake_stripe.objects("customer")
    if call == JOIN_CALLS[0]:
        assert customers == []
        assert not Member.objects.exists()
    else:
        # The customer was made before Stripe went down. It is not left behind:
        # the reader's row points at it, and the next attempt uses it again.
        assert [c["id"] for c in customers] == [Member.objects.get(user=reader).stripe_customer_id]

    outage.end()
    response = client.post(CONFIRM, choice)
    assert response.status_code == 303
    (customer,) = fake_stripe.objects("customer")  # one customer, never two
    assert Member.objects.get(user=reader).stripe_customer_id == customer["id"]
    assert len(fake_stripe.objects("checkout.session")) == 1
    assert not Membership.objects.exists()  # only Stripe's webhook makes one


def test_outage_when_giving_anonymously(client, tiers, fake_stripe, caplog):
    outage = Outage(fake_stripe, ("POST", "/v1/checkout/sessions"))

    response = client.post(GIVE, {"amount": "25"})

    assert response.status_code == 503
    page = response.content.decode()
    assert MESSAGE in page
    assert 'value="25"' in page  # the gift form, re-shown with the amount
    assert gateway_errors(caplog)
    assert not Contribution.objects.exists()
    assert not Member.objects.exists()
    assert fake_stripe.objects("checkout.session") == []

    outage.end()
    assert client.post(GIVE, {"amount": "25"}).status_code == 303


@pytest.mark.parametrize("call", [JOIN_CALLS[0], JOIN_CALLS[3]], ids=["customer", "session"])
def test_outage_when_a_signed_in_reader_gives(client, tiers, reader, fake_stripe, caplog, call):
    client.force_login(reader)
    outage = Outage(fake_stripe, call)

    response = client.post(GIVE, {"amount": "25"})

    assert response.status_code == 503
    assert MESSAGE in response.content.decode()
    assert gateway_errors(caplog)
    assert not Contribution.objects.exists()
    assert fake_stripe.objects("checkout.session") == []
    assert (
        len(fake_stripe.objects("customer"))
        == Member.objects.exclude(stripe_customer_id=None).count()
    )

    outage.end()
    assert client.post(GIVE, {"amount": "25"}).status_code == 303
    assert len(fake_stripe.objects("customer")) == 1


def test_one_wording_for_the_outage(client, tiers, reader, fake_stripe):
    """Joining and giving say the same thing."""
    client.force_login(reader)
    Outage(fake_stripe, *JOIN_CALLS)
    joined = client.post(CONFIRM, {"tier": "supporter", "interval": "month"})
    gave = client.post(GIVE, {"amount": "25"})
    for response in (joined, gave):
        assert response.status_code == 503
        assert UNAVAILABLE.replace("'", "&#x27;") in response.content.decode()
