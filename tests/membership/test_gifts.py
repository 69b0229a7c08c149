"""One-time gifts: no account needed, refunds and disputes mirrored."""

from django.core import mail
from django.urls import reverse

import pytest

from membership.models import Contribution, StripeEvent
from tests.membership.conftest import session_id_from

pytestmark = pytest.mark.django_db

GIVE_URL = "/membership/give/"


def _give(client, amount: str = "25", **extra):
    return client.post(GIVE_URL, {"amount": amount, **extra})


def test_a_guest_gives_once_without_an_account(client, fake_stripe, deliver, home):
    response = _give(client, "25.50", article=str(home.pk), appeal="end-of-article")
    assert response.status_code == 303
    params = fake_stripe.requests[-1]["params"]
    assert params["mode"] == "payment"
    assert params["customer_creation"] == "always"
    assert "customer" not in params
    assert params["line_items"][0]["price_data"]["unit_amount"] == "2550"
    assert params["metadata"] == {
        "newsroom": "gift",
        "article": str(home.pk),
        "appeal": "end-of-article",
    }
    assert params["payment_intent_data"]["metadata"] == params["metadata"]
    assert Contribution.objects.count() == 0  # nothing before the webhook

    mail.outbox.clear()
    events = fake_stripe.complete_checkout(session_id_from(response["Location"]))
    assert {r.status_code for r in deliver(events + events)} == {200}
    contribution = Contribution.objects.get()
    assert (contribution.amount, contribution.status, contribution.email) == (
        2550,
        "paid",
        "giver@example.com",
    )
    assert contribution.source_article_id == home.pk
    assert contribution.appeal == "end-of-article"
    assert [m.subject.split(" · ")[0] for m in mail.outbox] == ["Thank you for your gift"]

    thanks = client.get(
        reverse("membership:thanks"), {"session_id": contribution.checkout_session_id}
    )
    assert "$25.50" in thanks.content.decode()


def test_a_signed_in_reader_gives_with_their_customer(client, fake_stripe, reader):
    client.force_login(reader)
    _give(client, "10")
    params = fake_stripe.requests[-1]["params"]
    assert params["customer"] == reader.member.stripe_customer_id
    assert "customer_creation" not in params
    assert params["metadata"]["user_id"] == str(reader.pk)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("1", "The minimum gift is $3."),
        ("abc", "Enter an amount in numbers"),
        ("10.555", "at most two decimal places"),
        ("10000.01", "The most we can accept online is $10,000."),
        ("99999999999", "too large"),
        ("1e400", "too large"),
        ("NaN", "numbers"),
        ("-5", "above zero"),
        ("", "required"),
    ],
)
def test_bad_gift_amounts_get_a_clear_error_and_no_stripe_call(
    client, fake_stripe, amount, message
):
    response = _give(client, amount)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert fake_stripe.requests == []


def test_gift_refund_partial_then_full_then_dispute(client, fake_stripe, deliver):
    events = fake_stripe.complete_checkout(session_id_from(_give(client, "40")["Location"]))
    deliver(events)
    contribution = Contribution.objects.get()
    deliver(fake_stripe.refund(contribution.payment_intent_id, amount=1000))
    contribution.refresh_from_db()
    assert (contribution.status, contribution.amount_refunded) == ("partially_refunded", 1000)
    deliver(fake_stripe.refund(contribution.payment_intent_id))
    contribution.refresh_from_db()
    assert (contribution.status, contribution.amount_refunded) == ("refunded", 4000)


def test_gift_dispute_flags_it_and_alerts_staff(client, fake_stripe, deliver, settings):
    settings.ADMINS = [("Audience", "audience@example.org")]
    deliver(fake_stripe.complete_checkout(session_id_from(_give(client, "40")["Location"])))
    contribution = Contribution.objects.get()
    mail.outbox.clear()
    deliver(fake_stripe.dispute(contribution.payment_intent_id))
    contribution.refresh_from_db()
    assert contribution.status == "disputed"
    assert mail.outbox[0].to == ["audience@example.org"]
    assert "disputed" in mail.outbox[0].subject


def test_refund_of_a_payment_that_is_not_a_gift_is_ignored(
    fake_stripe, tiers, reader, subscribe, deliver
):
    subscribe(reader)  # a membership payment: its charge is not a Contribution
    (intent,) = fake_stripe.objects("payment_intent")
    (_, refunded) = fake_stripe.refund(intent["id"])
    (response,) = deliver([refunded])
    assert response.status_code == 200
    event = StripeEvent.objects.get(pk=refunded["id"])
    assert event.status == "ignored"
    assert "not a one-time gift" in event.last_error
    assert Contribution.objects.count() == 0
