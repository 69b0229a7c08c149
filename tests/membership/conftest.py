"""Membership tests run the real ``stripe`` SDK against the in-repo fake."""

import json
from collections.abc import Callable, Iterator

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

import pytest
import stripe
from allauth.account.models import EmailAddress

from membership import billing, stripe_gateway
from membership.fakestripe import FakeStripe
from membership.models import Membership, Tier, User

WEBHOOK_URL = "/membership/stripe/webhook/"


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripe]:
    """A fresh fake Stripe, reached in-process through the real SDK."""
    fake = FakeStripe()
    http_client = stripe_gateway.InProcessHTTPClient(fake.handle)
    stripe_gateway.install(stripe_gateway.build_client(http_client=http_client))
    yield fake
    stripe_gateway.install(None)


@pytest.fixture
def tiers(db, fake_stripe) -> dict[str, Tier]:
    supporter = Tier.objects.create(
        slug="supporter",
        name="Supporter",
        monthly_amount=500,
        yearly_amount=5000,
        benefits="No appeals\nA badge",
        sort_order=1,
    )
    sustainer = Tier.objects.create(
        slug="sustainer",
        name="Sustainer",
        monthly_amount=1000,
        yearly_amount=10000,
        recommended=True,
        sort_order=2,
    )
    call_command("stripe_sync_tiers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    supporter.refresh_from_db()
    sustainer.refresh_from_db()
    return {"supporter": supporter, "sustainer": sustainer}


READER_PASSWORD = "a-reader-password-for-tests-42"


@pytest.fixture
def reader(db) -> User:
    """A reader with a verified address (as allauth's sign-up leaves them) and
    a password, so they can confirm who they are before managing billing."""
    user = User.objects.create_user("ana@example.org", password=READER_PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def reauthenticate(client) -> None:
    """Confirm the signed-in reader's password through allauth's own view,
    as "Manage billing" and "Delete my account" ask."""
    response = client.post("/accounts/reauthenticate/", {"password": READER_PASSWORD})
    assert response.status_code == 302, response.content


def sign(payload: str, secret: str | None = None, timestamp: int | None = None) -> str:
    return stripe.WebhookSignature.generate_signature_header(
        payload, secret or settings.STRIPE_WEBHOOK_SECRET, timestamp=timestamp
    )


@pytest.fixture
def deliver(client, django_capture_on_commit_callbacks) -> Callable:
    """Post events to the webhook, signed like Stripe does; after-commit
    callbacks (emails) run as they would in production. Returns responses."""

    def deliver_events(events: list[dict]) -> list:
        responses = []
        for event in events:
            payload = json.dumps(event)
            with django_capture_on_commit_callbacks(execute=True):
                responses.append(
                    client.post(
                        WEBHOOK_URL,
                        data=payload,
                        content_type="application/json",
                        HTTP_STRIPE_SIGNATURE=sign(payload),
                    )
                )
        return responses

    return deliver_events


def subscription_updates(fake_stripe) -> list:
    """What was sent to Stripe to change a subscription (POST /v1/subscriptions/…)."""
    return [
        r
        for r in fake_stripe.requests
        if r["method"] == "POST" and r["path"].startswith("/v1/subscriptions/")
    ]


def session_id_from(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


@pytest.fixture
def subscribe(fake_stripe, tiers, deliver) -> Callable:
    """Make ``user`` a member the way a reader does: Checkout, pay, webhooks.
    Returns the events Stripe sent (for replaying them) and the membership."""

    def make(user: User, tier: str = "supporter", interval: str = "month", amount=None):
        url = billing.start_membership_checkout(
            user, tiers[tier], interval, amount, {"source_page_id": None, "appeal": ""}
        )
        events = fake_stripe.complete_checkout(session_id_from(url))
        assert [r.status_code for r in deliver(events)] == [200] * len(events)
        membership = Membership.objects.get(member__user=user)
        return membership, events

    return make


def account_url() -> str:
    return reverse("membership:account")
