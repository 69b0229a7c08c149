"""Memberships on the account pages: the /account/ slots, "download my data"
and "delete my account" (cancel at period end, keep anonymised records)."""

import json

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from membership.models import Contribution, Member, Membership, StripeEvent, User
from tests.membership.conftest import reauthenticate
from tests.membership.test_account import guest_gift

pytestmark = pytest.mark.django_db

DELETE = "/account/delete/"


def delete_account(client, reader):
    client.force_login(reader)
    reauthenticate(client)
    return client.post(DELETE, {"confirm": "on"})


# --- /account/ slots ------------------------------------------------------------------


def test_account_page_shows_the_membership(client, reader, subscribe, fake_stripe, deliver):
    membership, _ = subscribe(reader, "sustainer", "year")
    client.force_login(reader)
    html = client.get("/account/").content.decode()
    assert "Sustainer" in html
    assert "<dt>Amount</dt><dd>$100 / year</dd>" in html
    assert "<dt>Frequency</dt><dd>Yearly</dd>" in html
    assert f"Next payment</dt><dd>{membership.current_period_end:%-d %B %Y}" in html
    assert 'href="/account/membership/"' in html
    assert "payment failed" not in html

    deliver(fake_stripe.renew(membership.stripe_subscription_id, paid=False))
    assert "Your last payment failed" in client.get("/account/").content.decode()

    deliver(
        fake_stripe.update_subscription(
            membership.stripe_subscription_id, cancel_at_period_end=True
        )
    )
    membership.refresh_from_db()
    html = client.get("/account/").content.decode()
    assert f"Cancels on</dt><dd>{membership.ends_at:%-d %B %Y}" in html
    assert "Next payment" not in html


def test_account_page_for_a_reader_who_is_not_a_member(client, reader):
    client.force_login(reader)
    html = client.get("/account/").content.decode()
    assert "You are not a member yet" in html
    assert 'href="/membership/"' in html


def test_account_page_queries_do_not_grow_with_memberships(
    client, reader, subscribe, fake_stripe, deliver
):
    membership, _ = subscribe(reader)
    client.force_login(reader)
    with CaptureQueriesContext(connection) as one:
        client.get("/account/")
    deliver(fake_stripe.cancel_now(membership.stripe_subscription_id))
    for n in range(3):  # older memberships and gifts
        Membership.objects.create(
            member=membership.member,
            stripe_subscription_id=f"sub_old_{n}",
            tier=membership.tier,
            status="canceled",
            interval="month",
            amount=500,
            currency="usd",
        )
        Contribution.objects.create(
            checkout_session_id=f"cs_{n}", amount=900, currency="usd", user=reader
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/account/")
    assert len(many) == len(one)


# --- delete my account ----------------------------------------------------------------


def test_deletion_page_names_the_membership_and_its_paid_until_date(client, reader, subscribe):
    membership, _ = subscribe(reader, "sustainer", "month")
    client.force_login(reader)
    reauthenticate(client)
    html = client.get(DELETE).content.decode()
    assert "Your Sustainer membership ($10 / month) is paid until" in html
    assert f"{membership.current_period_end:%-d %B %Y}" in html
    assert "you will not be charged again" in html


def test_deletion_cancels_at_period_end_and_keeps_anonymised_records(
    client, reader, subscribe, fake_stripe, deliver, django_capture_on_commit_callbacks
):
    membership, _ = subscribe(reader)
    gift = guest_gift(client, fake_stripe, deliver, reader.email, "20")
    other = User.objects.create_user("bo@example.org")
    other_gift = Contribution.objects.create(
        checkout_session_id="cs_bo", amount=900, currency="usd", user=other, email=other.email
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = delete_account(client, reader)

    assert response.status_code == 302
    assert not User.objects.filter(email="ana@example.org").exists()
    # Stripe: told to stop renewing, nothing refunded or ended now.
    update = [r for r in fake_stripe.requests if r["method"] == "POST"][-1]
    assert update["path"] == f"/v1/subscriptions/{membership.stripe_subscription_id}"
    assert update["params"]["cancel_at_period_end"] == "true"
    sub = fake_stripe.get("subscription", membership.stripe_subscription_id)
    assert (sub["status"], sub["cancel_at_period_end"]) == ("active", True)
    # Kept for the books, without the reader.
    member = Member.objects.get(pk=membership.member_id)
    assert member.user is None
    assert member.anonymised_at is not None
    membership.refresh_from_db()
    assert membership.cancel_at_period_end
    assert membership.amount == 500
    gift.refresh_from_db()
    assert (gift.user, gift.email, gift.amount) == (None, "", 2000)
    other_gift.refresh_from_db()
    assert other_gift.email == "bo@example.org"  # no one else's records change
    stored = json.dumps(list(StripeEvent.objects.values_list("payload", flat=True)))
    assert "ana@example.org" not in stored
    assert mail.outbox == []

    # Stripe's own events for the change, and at period end, still apply to
    # the kept record, and email no one.
    [event] = fake_stripe.take_events()
    assert event["type"] == "customer.subscription.updated"
    assert event["data"]["previous_attributes"]["cancel_at_period_end"] is False
    assert [r.status_code for r in deliver([event])] == [200]
    deliver(fake_stripe.cancel_now(membership.stripe_subscription_id))
    membership.refresh_from_db()
    assert membership.status == "canceled"
    assert mail.outbox == []


def test_stripe_outage_during_deletion_changes_nothing(
    client, reader, subscribe, fake_stripe, deliver
):
    membership, _ = subscribe(reader)
    gift = guest_gift(client, fake_stripe, deliver, reader.email, "20")
    client.force_login(reader)
    reauthenticate(client)
    fake_stripe.fail_next(5)

    response = client.post(DELETE, {"confirm": "on"})

    assert response.status_code == 503
    assert "couldn&#x27;t reach our payment provider" in response.content.decode()
    assert "has not been deleted" in response.content.decode()
    assert User.objects.filter(pk=reader.pk).exists()
    assert Member.objects.get(pk=membership.member_id).user_id == reader.pk
    gift.refresh_from_db()
    assert gift.email == reader.email
    sub = fake_stripe.get("subscription", membership.stripe_subscription_id)
    assert sub["cancel_at_period_end"] is False
    assert client.session["_auth_user_id"] == str(reader.pk)  # still signed in


def test_deleting_an_account_without_payments_needs_no_stripe(client, reader, fake_stripe):
    fake_stripe.fail_next(5)
    response = delete_account(client, reader)
    assert response.status_code == 302
    assert not User.objects.filter(pk=reader.pk).exists()


def test_a_membership_already_ending_is_not_changed_again(
    client, reader, subscribe, fake_stripe, deliver
):
    membership, _ = subscribe(reader)
    deliver(
        fake_stripe.update_subscription(
            membership.stripe_subscription_id, cancel_at_period_end=True
        )
    )
    before = len(fake_stripe.requests)
    delete_account(client, reader)
    assert [r["method"] for r in fake_stripe.requests[before:]] == ["GET"]  # the list only
    assert fake_stripe.take_events() == []


# --- download my data -----------------------------------------------------------------


def test_export_holds_the_readers_memberships_and_gifts_and_no_one_elses(
    client, reader, subscribe, fake_stripe, deliver
):
    membership, _ = subscribe(reader, "sustainer", "year")
    guest_gift(client, fake_stripe, deliver, reader.email, "20")
    other = User.objects.create_user("bo@example.org")
    subscribe(other, "supporter", "month")
    Contribution.objects.create(
        checkout_session_id="cs_bo", amount=9900, currency="usd", user=other, email=other.email
    )
    client.force_login(reader)
    reauthenticate(client)  # the export asks for it

    data = json.loads(client.post("/account/data/").content)

    assert data["member"]["stripe_customer_id"] == membership.member.stripe_customer_id
    [exported] = data["memberships"]
    assert (exported["tier"], exported["amount"], exported["interval"]) == (
        "Sustainer",
        10000,
        "year",
    )
    assert exported["stripe_subscription_id"] == membership.stripe_subscription_id
    assert [(c["amount"], c["email"]) for c in data["contributions"]] == [
        (2000, "ana@example.org")
    ]
    values = set(leaf_values(data))
    assert not any(other.email in str(value) for value in values)
    assert 9900 not in values  # Bo's contribution; compared as a value, not a substring
    assert Member.objects.get(user=other).stripe_customer_id not in values


def leaf_values(data):
    """Every scalar in an exported document, however deeply nested."""
    if isinstance(data, dict):
        for value in data.values():
            yield from leaf_values(value)
    elif isinstance(data, list):
        for value in data:
            yield from leaf_values(value)
    else:
        yield data
