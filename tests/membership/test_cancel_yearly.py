"""The cancel flow's save offer can be "pay yearly": for a monthly member,
the tier's yearly price in their currency when it costs less than twelve
monthly payments. Accepting it changes the subscription's price and
interval; the year is first charged when the month already paid ends."""

import datetime

from django.core.management import call_command

import pytest

from membership import billing, stripe_changes
from membership.models import CancellationFeedback, Membership, TierPrice
from tests.membership.conftest import session_id_from

pytestmark = pytest.mark.django_db

CANCEL = "/account/membership/cancel/"


@pytest.fixture
def sustainer(client, reader, subscribe):
    membership, _ = subscribe(reader, tier="sustainer")  # $10 / month; the tier: $100 / year
    client.force_login(reader)
    return membership


def test_a_monthly_member_is_offered_the_yearly_price_beside_the_lower_amount(client, sustainer):
    page = client.get(CANCEL).content.decode()
    assert "Stay at $5 / month" in page
    assert "Pay $100 / year" in page
    assert "$20 less a year" in page  # 12 x $10 - $100
    assert 'name="interval" value="year"' in page


def test_switching_to_yearly_moves_the_first_yearly_charge_to_the_end_of_the_paid_month(
    client, sustainer, fake_stripe, deliver
):
    sub_id = sustainer.stripe_subscription_id
    paid_until = sustainer.current_period_end
    invoices = len(fake_stripe.objects("invoice"))
    response = client.post(CANCEL, {"action": "accept", "offer": "10000", "interval": "year"})
    assert response.status_code == 302
    sub = fake_stripe.get("subscription", sub_id)
    item = sub["items"]["data"][0]
    assert (item["price"]["unit_amount"], item["price"]["recurring"]["interval"]) == (
        10000,
        "year",
    )
    assert item["price"]["currency"] == "usd"
    assert sub["trial_end"] == int(paid_until.timestamp())
    assert len(fake_stripe.objects("invoice")) == invoices  # nothing charged now
    # A second click: refused (one offer, taken).
    assert client.post(CANCEL, {"action": "accept", "offer": "500"}).status_code == 409

    assert {r.status_code for r in deliver(fake_stripe.take_events())} == {200}
    sustainer.refresh_from_db()
    assert (sustainer.amount, sustainer.interval) == (10000, "year")
    assert sustainer.grants_benefits
    assert sustainer.current_period_end == paid_until
    feedback = CancellationFeedback.objects.get(membership=sustainer)
    assert (feedback.offered_amount, feedback.offer_accepted_at is not None) == (10000, True)

    # When the paid month ends, Stripe charges the year.
    deliver(fake_stripe.trial_ends(sub_id))
    assert fake_stripe.objects("invoice")[-1]["amount_paid"] == 10000
    sustainer.refresh_from_db()
    assert sustainer.status == Membership.Status.ACTIVE
    year_later = paid_until.replace(year=paid_until.year + 1)
    assert abs(sustainer.current_period_end - year_later) < datetime.timedelta(days=1)


def test_changing_the_interval_without_a_trial_end_would_charge_the_year_now(
    sustainer, fake_stripe
):
    """Why the switch sends ``trial_end``: Stripe (and the fake) restart the
    billing cycle on a new interval and invoice it at once."""
    sub = fake_stripe.get("subscription", sustainer.stripe_subscription_id)
    invoices = len(fake_stripe.objects("invoice"))
    stripe_changes.change_price(
        sub["id"],
        sub["items"]["data"][0]["id"],
        {
            "currency": "usd",
            "product": sustainer.tier.stripe_product_id,
            "unit_amount": 10000,
            "recurring": {"interval": "year"},
        },
        idempotency_key="test-no-trial",
    )
    assert len(fake_stripe.objects("invoice")) == invoices + 1
    assert fake_stripe.objects("invoice")[-1]["amount_paid"] == 10000


def test_no_yearly_offer_when_a_year_costs_twelve_months_or_more(client, sustainer, tiers):
    tiers["sustainer"].yearly_amount = 12000
    tiers["sustainer"].save()
    page = client.get(CANCEL).content.decode()
    assert "Stay at $5 / month" in page
    assert "/ year" not in page
    forged = client.post(CANCEL, {"action": "accept", "offer": "12000", "interval": "year"})
    assert forged.status_code == 409


def test_a_yearly_member_is_offered_only_a_lower_amount(client, reader, subscribe):
    subscribe(reader, tier="sustainer", interval="year")
    client.force_login(reader)
    page = client.get(CANCEL).content.decode()
    assert "Stay at $50 / year" in page
    assert "Pay " not in page


def test_the_yearly_offer_is_in_the_members_currency(client, reader, tiers, fake_stripe, deliver):
    for tier, (monthly, yearly) in (("supporter", (500, 5000)), ("sustainer", (900, 9000))):
        TierPrice.objects.create(
            tier=tiers[tier], currency="eur", monthly_amount=monthly, yearly_amount=yearly
        )
    call_command("stripe_sync_tiers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    url = billing.start_membership_checkout(reader, tiers["sustainer"], "month", None, {}, "eur")
    deliver(fake_stripe.complete_checkout(session_id_from(url)))
    membership = Membership.objects.get(member__user=reader)
    assert (membership.currency, membership.amount) == ("eur", 900)
    client.force_login(reader)
    page = client.get(CANCEL).content.decode()
    assert "Pay €90 / year" in page
    assert "€18 less a year" in page
    response = client.post(CANCEL, {"action": "accept", "offer": "9000", "interval": "year"})
    assert response.status_code == 302
    item = fake_stripe.get("subscription", membership.stripe_subscription_id)["items"]["data"][0]
    assert (item["price"]["currency"], item["price"]["unit_amount"]) == ("eur", 9000)
