"""Buying and claiming gift memberships the way readers do, against the fake Stripe."""

import re
from collections.abc import Callable

from django.core import mail

import pytest

from membership.models import GiftMembership
from tests.membership.accounts.conftest import code_in, last_email
from tests.membership.conftest import session_id_from

GIFT_URL = "/membership/gift/"
CLAIM_LINK = re.compile(r"https?://\S+/membership/gift/claim/[\w-]+/")


def gift_form(**fields) -> dict:
    return {
        "tier": "sustainer",
        "months": "3",
        "recipient_email": "bea@example.org",
        "message": "Happy birthday, Bea!",
        "deliver_on": "",
        **fields,
    }


@pytest.fixture
def buy(client, fake_stripe, tiers, deliver) -> Callable:
    """Fill in the form, pay on Checkout, deliver Stripe's events (twice,
    as Stripe may). Returns the gift recorded."""

    def buy_gift(buyer_email: str = "giver@example.com", **fields) -> GiftMembership:
        response = client.post(GIFT_URL, gift_form(**fields))
        assert response.status_code == 303, response.content.decode()
        session_id = session_id_from(response["Location"])
        events = fake_stripe.complete_checkout(session_id, email=buyer_email)
        assert {r.status_code for r in deliver(events + events)} == {200}
        return GiftMembership.objects.get(checkout_session_id=session_id)

    return buy_gift


def claim_link(message) -> str:
    match = CLAIM_LINK.search(message.body)
    assert match, message.body
    return "/" + match.group(0).split("://", 1)[1].split("/", 1)[1]


def sign_in_through(client, capture, link: str, email: str):
    """The recipient follows the link, gives their email and the emailed code."""
    with capture(execute=True):
        response = client.post(link, {"email": email})
    assert response.status_code == 302, response.content.decode()
    code = code_in(last_email())
    with capture(execute=True):
        landed = client.post(response["Location"], {"code": code})
    assert landed.status_code == 302
    assert landed["Location"] == link
    return landed


def emails_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]
