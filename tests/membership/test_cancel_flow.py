"""Cancelling in our flow: one optional question, one save offer (a lower
amount) that changes the subscription's amount, then Stripe's portal."""

import pytest

from membership.models import CancellationFeedback
from tests.membership.conftest import reauthenticate, subscription_updates

pytestmark = pytest.mark.django_db

CANCEL = "/account/membership/cancel/"


@pytest.fixture
def sustainer(client, reader, subscribe):
    membership, _ = subscribe(reader, tier="sustainer")
    client.force_login(reader)
    return membership


def test_accepting_the_save_offer_changes_the_subscriptions_amount(
    client, sustainer, fake_stripe, deliver
):
    assert "Cancel membership" in client.get("/account/membership/").content.decode()
    page = client.get(CANCEL).content.decode()
    assert "Stay at $5 / month" in page  # the next tier down
    assert "Why are you leaving? (optional)" in page

    response = client.post(CANCEL, {"action": "accept", "offer": "500"})
    assert response.status_code == 302
    item = fake_stripe.get("subscription", sustainer.stripe_subscription_id)["items"]["data"][0]
    assert (item["price"]["unit_amount"], item["price"]["recurring"]["interval"]) == (500, "month")
    # A second click before the webhook: refused, Stripe asked once.
    again = client.post(CANCEL, {"action": "accept", "offer": "500"})
    assert again.status_code == 409
    assert "That offer is no longer available." in again.content.decode()
    assert len(subscription_updates(fake_stripe)) == 1

    assert [r.status_code for r in deliver(fake_stripe.take_events())] == [200]
    sustainer.refresh_from_db()
    assert (sustainer.amount, sustainer.status, sustainer.cancel_at_period_end) == (
        500,
        "active",
        False,
    )
    # The next renewal charges the new amount.
    deliver(fake_stripe.renew(sustainer.stripe_subscription_id))
    assert fake_stripe.objects("invoice")[-1]["amount_paid"] == 500
    # No further offer once one was taken.
    assert "Stay at" not in client.get(CANCEL).content.decode()
    feedback = CancellationFeedback.objects.get(membership=sustainer)
    assert feedback.offered_amount == 500
    assert feedback.offer_accepted_at is not None


def test_a_forged_or_stale_offer_changes_nothing(client, sustainer, fake_stripe):
    for offer in ("1", "300", "abc", ""):
        response = client.post(CANCEL, {"action": "accept", "offer": offer})
        assert response.status_code in (400, 409)
    assert subscription_updates(fake_stripe) == []
    sustainer.refresh_from_db()
    assert sustainer.amount == 1000


def test_declining_records_the_reason_and_opens_the_portal_on_cancelling(
    client, sustainer, fake_stripe
):
    reauthenticate(client)
    response = client.post(
        CANCEL, {"action": "cancel", "reason": "cost", "detail": "Back next year"}
    )
    assert response.status_code == 303
    assert response["Location"].startswith("https://checkout.stripe.test/portal/")
    session = fake_stripe.objects("billing_portal.session")[-1]
    assert session["flow"] == {
        "type": "subscription_cancel",
        "subscription_cancel": {"subscription": sustainer.stripe_subscription_id},
    }
    feedback = CancellationFeedback.objects.get(membership=sustainer)
    assert (feedback.reason, feedback.detail) == ("cost", "Back next year")
    assert feedback.offer_accepted_at is None
    # The question is optional; asking twice keeps one row.
    assert client.post(CANCEL, {"action": "cancel"}).status_code == 303
    assert CancellationFeedback.objects.filter(membership=sustainer).count() == 1


def test_bad_answers_are_inline_errors(client, sustainer, fake_stripe):
    response = client.post(CANCEL, {"action": "cancel", "reason": "bored", "detail": "x" * 1001})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose one of the reasons, or none." in page
    assert "Please keep it under 1,000 characters." in page
    assert not CancellationFeedback.objects.exists()
    assert fake_stripe.objects("billing_portal.session") == []


def test_the_entry_tier_is_offered_the_floor(client, reader, subscribe):
    subscribe(reader, tier="supporter")
    client.force_login(reader)
    assert "Stay at $3 / month" in client.get(CANCEL).content.decode()
