"""A gift to a paying member moves their next charge instead of doubling
their membership; a refund cancels a gift not yet claimed; bad input on the
form changes nothing."""

import pytest

from membership.models import GiftMembership, Membership, StripeEvent
from membership.months import add_months
from tests.membership.gifts.conftest import GIFT_URL, gift_form

pytestmark = pytest.mark.django_db


def charges_of(fake_stripe, customer: str) -> list:
    return [c for c in fake_stripe.objects("charge") if c["customer"] == customer]


def test_a_paying_member_gets_the_months_added_without_a_double_charge(
    client, reader, subscribe, buy, fake_stripe, deliver
):
    membership, _ = subscribe(reader, "supporter", "month")
    customer = membership.member.stripe_customer_id
    paid_until = membership.current_period_end
    assert len(charges_of(fake_stripe, customer)) == 1

    gift = buy(recipient_email=reader.email, months="3")
    client.force_login(reader)
    link = f"/membership/gift/claim/{gift.claim_token}/"
    assert client.post(link).status_code == 302

    gift.refresh_from_db()
    membership.refresh_from_db()
    moved_to = add_months(paid_until, 3)
    assert gift.extended_existing
    assert gift.status == "claimed"
    assert gift.stripe_subscription_id == membership.stripe_subscription_id
    assert Membership.objects.filter(member__user=reader).count() == 1  # no second membership
    assert membership.status == "trialing"
    assert membership.grants_benefits
    assert membership.current_period_end == moved_to == gift.benefits_until
    assert membership.tier.slug == "supporter"  # their own tier and price stay
    sub = fake_stripe.get("subscription", membership.stripe_subscription_id)
    assert sub["trial_end"] == int(moved_to.timestamp())
    assert sub["cancel_at"] is None  # it goes on renewing afterwards
    (update,) = [
        r
        for r in fake_stripe.requests
        if r["method"] == "POST" and r["path"] == f"/v1/subscriptions/{sub['id']}"
    ]
    assert update["params"]["proration_behavior"] == "none"
    assert len(charges_of(fake_stripe, customer)) == 1  # nothing charged for the gift months
    assert {r.status_code for r in deliver(fake_stripe.take_events())} == {200}

    # The gifted months end: the member's next charge, once, from the new date.
    assert {r.status_code for r in deliver(fake_stripe.trial_ends(sub["id"]))} == {200}
    membership.refresh_from_db()
    assert membership.status == "active"
    assert membership.current_period_end == add_months(moved_to, 1)
    assert len(charges_of(fake_stripe, customer)) == 2


def test_a_second_gift_to_a_gift_member_moves_the_end_too(
    client, reader, buy, fake_stripe, deliver
):
    first, second = buy(recipient_email=reader.email), buy(recipient_email=reader.email)
    client.force_login(reader)
    client.post(f"/membership/gift/claim/{first.claim_token}/")
    first.refresh_from_db()
    client.post(f"/membership/gift/claim/{second.claim_token}/")
    second.refresh_from_db()

    membership = Membership.objects.get(member__user=reader)
    assert second.extended_existing
    assert membership.ends_at == add_months(first.benefits_until, 3) == second.benefits_until


def test_a_refund_of_an_unclaimed_gift_cancels_it(client, buy, fake_stripe, deliver):
    gift = buy()
    events = fake_stripe.refund(gift.payment_intent_id)
    assert {r.status_code for r in deliver(events + events)} == {200}

    gift.refresh_from_db()
    assert gift.status == "refunded"
    assert gift.amount_refunded == gift.amount
    assert StripeEvent.objects.get(type="charge.refunded").status == "processed"
    gone = client.get(f"/membership/gift/claim/{gift.claim_token}/")
    assert gone.status_code == 410
    assert "refunded" in gone.content.decode()
    assert not Membership.objects.exists()


def test_a_partial_refund_keeps_the_gift(buy, fake_stripe, deliver):
    gift = buy()
    deliver(fake_stripe.refund(gift.payment_intent_id, amount=500))
    gift.refresh_from_db()
    assert (gift.status, gift.amount_refunded) == ("sent", 500)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("deliver_on", "2020-01-01", "Choose today or a day in the future."),
        ("deliver_on", "next tuesday", "Enter a date like"),
        ("recipient_email", "bea@", "Enter a valid email address"),
        ("recipient_email", "", "Enter the email address the gift goes to."),
        ("months", "2", "Choose 1, 3, 6 or 12 months."),
        ("months", "abc", "Choose 1, 3, 6 or 12 months."),
        ("tier", "platinum", "That membership tier is not available."),
        ("message", "x" * 501, "Keep the message under 500 characters."),
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_is_created(
    client, tiers, fake_stripe, field, value, message
):
    before = len(fake_stripe.requests)
    response = client.post(GIFT_URL, gift_form(**{field: value}))

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'class="field-error"' in html
    assert "Give a membership" in html  # the same form, with the reader's input
    assert len(fake_stripe.requests) == before  # nothing sent to Stripe
    assert not GiftMembership.objects.exists()


def test_the_form_page(client, tiers):
    page = client.get(GIFT_URL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Sustainer: $10 / month" in html
    assert "12 months" in html
    assert "no-cache" in page["Cache-Control"]
