"""The webhook inbox: verify, store, process once, in any order."""

import json
import random
import time

from django.core import mail
from django.test import Client

import pytest

from membership.models import Member, Membership, StripeEvent
from tests.membership.conftest import WEBHOOK_URL, sign

pytestmark = pytest.mark.django_db


def _event(event_type: str = "customer.created", obj: dict | None = None) -> dict:
    return {
        "id": "evt_test_1",
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": int(time.time()),
        "type": event_type,
        "livemode": False,
        "data": {"object": obj or {"id": "cus_x", "object": "customer"}},
    }


def _post(client, body: str, signature: str | None):
    extra = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}
    return client.post(WEBHOOK_URL, data=body, content_type="application/json", **extra)


@pytest.mark.parametrize(
    "case",
    ["wrong secret", "missing header", "empty header", "tampered body", "stale", "not json"],
)
def test_bad_signatures_are_refused_and_nothing_is_stored(client, case):
    body = json.dumps(_event())
    signature = sign(body)
    if case == "wrong secret":
        signature = sign(body, secret="whsec_someone_else")
    elif case == "missing header":
        signature = None
    elif case == "empty header":
        signature = ""
    elif case == "tampered body":
        body = body.replace("customer.created", "customer.deleted")
    elif case == "stale":
        signature = sign(body, timestamp=int(time.time()) - 301)
    elif case == "not json":
        body = "not json at all"
        signature = sign(body)
    response = _post(client, body, signature)
    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0


def test_signed_json_that_is_not_an_event_is_refused(client):
    body = json.dumps({"hello": "world"})
    assert _post(client, body, sign(body)).status_code == 400
    assert StripeEvent.objects.count() == 0


def test_only_post_is_allowed(client):
    assert client.get(WEBHOOK_URL).status_code == 405


def test_webhook_is_the_csrf_exempt_view(reader):
    csrf_client = Client(enforce_csrf_checks=True)
    body = json.dumps(_event())
    assert _post(csrf_client, body, sign(body)).status_code == 200
    csrf_client.force_login(reader)
    assert csrf_client.post("/account/membership/billing/").status_code == 403


def test_unhandled_type_is_acknowledged_and_ignored(client):
    body = json.dumps(_event("customer.created"))
    response = _post(client, body, sign(body))
    assert response.status_code == 200
    event = StripeEvent.objects.get()
    assert event.status == "ignored"
    assert "not handled" in event.last_error
    assert event.payload["type"] == "customer.created"


def test_a_duplicate_answers_200_and_does_nothing(client):
    body = json.dumps(_event())
    _post(client, body, sign(body))
    response = _post(client, body, sign(body))
    assert (response.status_code, response.content) == (200, b"duplicate")
    assert StripeEvent.objects.get().attempts == 1


def test_every_event_twice_in_shuffled_order_makes_one_membership_and_one_welcome(
    fake_stripe, tiers, reader, deliver, subscribe
):
    membership, events = subscribe(reader)
    renewal = fake_stripe.renew(membership.stripe_subscription_id)
    all_events = (events + renewal) * 2
    random.Random(7).shuffle(all_events)
    mail.outbox.clear()
    assert {r.status_code for r in deliver(all_events)} == {200}
    assert Membership.objects.count() == 1
    assert StripeEvent.objects.count() == len(events) + len(renewal)
    assert StripeEvent.objects.exclude(status="processed").count() == 0
    # The welcome went out once, on the first delivery (in subscribe()).
    assert mail.outbox == []


def test_welcome_email_goes_out_exactly_once(fake_stripe, tiers, reader, deliver, subscribe):
    mail.outbox.clear()
    _, events = subscribe(reader)
    deliver(events)
    welcome = [m for m in mail.outbox if "Welcome" in m.subject]
    assert len(welcome) == 1
    assert welcome[0].to == ["ana@example.org"]
    assert "Supporter" in welcome[0].body
    assert welcome[0].alternatives[0][1] == "text/html"


def test_out_of_order_updates_converge_to_stripes_state(
    fake_stripe, tiers, reader, subscribe, deliver
):
    membership, _ = subscribe(reader)
    sub = membership.stripe_subscription_id
    cancel = fake_stripe.update_subscription(sub, cancel_at_period_end=True)
    upgrade = fake_stripe.update_subscription(sub, price=_price(fake_stripe, "sustainer"))
    # The newest change arrives first, the stale one last.
    deliver(upgrade + cancel)
    membership.refresh_from_db()
    assert membership.tier == tiers["sustainer"]
    assert membership.amount == 1000
    assert membership.cancel_at_period_end is True


def _price(fake, slug: str, interval: str = "monthly") -> str:
    (price,) = [
        p for p in fake.objects("price") if p["lookup_key"] == f"newsroom_{slug}_{interval}"
    ]
    return price["id"]


def test_failed_renewal_then_cancellation_removes_perks(
    fake_stripe, tiers, reader, subscribe, deliver
):
    membership, _ = subscribe(reader)
    sub = membership.stripe_subscription_id
    mail.outbox.clear()
    failed = fake_stripe.renew(sub, paid=False)
    deliver(failed + failed)
    membership.refresh_from_db()
    assert membership.status == "past_due"
    assert membership.grants_benefits  # grace while Stripe retries
    assert [m.subject.split(" · ")[0] for m in mail.outbox] == [
        "Your membership payment didn't go through"
    ]
    assert "/account/membership/" in mail.outbox[0].body
    deliver(fake_stripe.cancel_now(sub))
    membership.refresh_from_db()
    assert membership.status == "canceled"
    assert not membership.grants_benefits
    assert not Membership.objects.granting_benefits().exists()
    assert any("cancelled" in m.subject for m in mail.outbox)


def test_renewal_moves_the_period_end(fake_stripe, tiers, reader, subscribe, deliver):
    membership, _ = subscribe(reader)
    before = membership.current_period_end
    deliver(fake_stripe.renew(membership.stripe_subscription_id))
    membership.refresh_from_db()
    # One calendar month later, on the same day and time (Stripe's billing cycle).
    after = membership.current_period_end
    assert (after.year * 12 + after.month) - (before.year * 12 + before.month) == 1
    assert (after.day, after.time()) == (before.day, before.time()) or after.day < before.day
    assert membership.status == "active"


def test_cancellation_at_period_end_emails_the_end_date_once(
    fake_stripe, tiers, reader, subscribe, deliver
):
    membership, _ = subscribe(reader)
    mail.outbox.clear()
    events = fake_stripe.update_subscription(
        membership.stripe_subscription_id, cancel_at_period_end=True
    )
    deliver(events + events)
    membership.refresh_from_db()
    (email,) = mail.outbox
    assert f"{membership.ends_at:%-d %B %Y}" in email.body
    assert membership.grants_benefits


def test_pause_and_resume_are_mirrored(fake_stripe, tiers, reader, subscribe, deliver):
    membership, _ = subscribe(reader)
    sub = membership.stripe_subscription_id
    deliver(fake_stripe.update_subscription(sub, status="paused"))
    membership.refresh_from_db()
    assert (membership.status, membership.grants_benefits) == ("paused", False)
    deliver(fake_stripe.update_subscription(sub, status="active"))
    membership.refresh_from_db()
    assert membership.status == "active"
    assert StripeEvent.objects.filter(type="customer.subscription.resumed").exists()


def test_action_required_emails_a_link(fake_stripe, tiers, reader, subscribe, deliver):
    membership, _ = subscribe(reader)
    invoice = fake_stripe.objects("invoice")[0]
    event = {**fake_stripe.renew(membership.stripe_subscription_id)[0]}
    event.update(id="evt_action", type="invoice.payment_action_required")
    event["data"] = {"object": invoice}
    mail.outbox.clear()
    deliver([event])
    assert "confirm" in mail.outbox[0].subject


def test_unknown_customer_and_foreign_product_are_ignored(
    fake_stripe, tiers, reader, subscribe, deliver
):
    membership, _ = subscribe(reader)
    stranger = fake_stripe.foreign_subscription()
    ours_buying_elsewhere = fake_stripe.foreign_subscription(
        customer=membership.member.stripe_customer_id
    )
    responses = deliver(stranger + ours_buying_elsewhere)
    assert [r.status_code for r in responses] == [200, 200]
    reasons = StripeEvent.objects.filter(status="ignored").values_list("last_error", flat=True)
    assert any("not one of our members" in r for r in reasons)
    assert any("not a membership tier" in r for r in reasons)
    assert Membership.objects.count() == 1
    assert Member.objects.count() == 1


def test_stripe_outage_during_processing_rolls_back_and_retry_succeeds(
    fake_stripe, tiers, reader, subscribe, deliver
):
    membership, _ = subscribe(reader)
    events = fake_stripe.cancel_now(membership.stripe_subscription_id)
    fake_stripe.fail_next()
    mail.outbox.clear()
    (response,) = deliver(events)
    assert response.status_code == 500
    event = StripeEvent.objects.get(pk=events[0]["id"])
    assert (event.status, event.attempts) == ("failed", 1)
    assert "PaymentsUnavailable" in event.last_error
    membership.refresh_from_db()
    assert membership.status == "active"
    assert mail.outbox == []
    (response,) = deliver(events)  # Stripe delivers again
    assert response.status_code == 200
    event.refresh_from_db()
    assert (event.status, event.attempts, event.last_error) == ("processed", 2, "")
    membership.refresh_from_db()
    assert membership.status == "canceled"


def test_a_handler_error_rolls_back_its_writes(fake_stripe, tiers, reader, subscribe, deliver):
    """A failure after some writes (the email notice row) leaves nothing behind."""
    membership, _ = subscribe(reader)
    events = fake_stripe.update_subscription(
        membership.stripe_subscription_id, cancel_at_period_end=True
    )
    fake_stripe.fail_next()
    deliver(events)
    from membership.models import SentNotice

    assert not SentNotice.objects.filter(key__startswith="cancel:").exists()


def test_deleted_customer_is_detached(fake_stripe, tiers, reader, subscribe, deliver):
    membership, _ = subscribe(reader)
    customer = membership.member.stripe_customer_id
    deliver(fake_stripe.delete_customer(customer))
    assert Member.objects.get().stripe_customer_id is None
