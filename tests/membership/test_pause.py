"""Pausing payments for one to three months instead of cancelling: asked on
/account/membership/, sent to Stripe as ``pause_collection``, and recorded
only when Stripe's signed ``customer.subscription.updated`` arrives."""

import datetime

from django.utils import timezone

import pytest

from membership.care.pause import add_months
from membership.models import Membership, StripeEvent
from tests.membership.conftest import subscription_updates

pytestmark = pytest.mark.django_db

ACCOUNT = "/account/membership/"
PAUSE = "/account/membership/pause/"
RESUME = "/account/membership/resume/"


@pytest.fixture
def member(client, reader, subscribe):
    membership, _ = subscribe(reader)
    client.force_login(reader)
    return membership


def test_pause_arrives_through_the_webhook_and_shows_on_the_account_page(
    client, member, fake_stripe, deliver
):
    page = client.get(ACCOUNT).content.decode()
    assert "Pause payments" in page
    before = timezone.now()
    response = client.post(PAUSE, {"months": "2"})
    assert response.status_code == 302
    # Asked twice (a double click) before Stripe's webhook: one pause at Stripe.
    assert client.post(PAUSE, {"months": "2"}).status_code == 302
    sub = fake_stripe.get("subscription", member.stripe_subscription_id)
    resumes = datetime.datetime.fromtimestamp(sub["pause_collection"]["resumes_at"], datetime.UTC)
    assert sub["pause_collection"]["behavior"] == "void"
    # The start of the day after the same day two months on (UTC), so that a
    # double click sends Stripe the same request whatever second it lands in.
    assert add_months(before, 2) <= resumes
    assert resumes <= add_months(timezone.now(), 2) + datetime.timedelta(days=1)
    assert (resumes.hour, resumes.minute, resumes.second) == (0, 0, 0)
    member.refresh_from_db()
    assert not member.payments_paused  # nothing changes before Stripe says so

    events = fake_stripe.take_events()
    assert [e["type"] for e in events] == ["customer.subscription.updated"]
    assert [r.status_code for r in deliver(events + events)] == [200, 200]  # duplicate too
    member.refresh_from_db()
    assert member.payments_paused
    assert member.paused_until == resumes
    assert member.status == "active"  # perks carry on
    page = client.get(ACCOUNT).content.decode()
    assert f"paused until {resumes:%-d %B %Y}" in page
    assert "Resume payments now" in page
    assert StripeEvent.objects.filter(type="customer.subscription.updated").count() == 1
    # Already paused: refused, nothing sent.
    sent = len(subscription_updates(fake_stripe))
    refused = client.post(PAUSE, {"months": "1"})
    assert refused.status_code == 409
    assert "Payments are already paused." in refused.content.decode()
    assert len(subscription_updates(fake_stripe)) == sent


def test_payments_resume_on_the_date_through_the_webhook(client, member, fake_stripe, deliver):
    client.post(PAUSE, {"months": "1"})
    deliver(fake_stripe.take_events())
    # A renewal while paused: the invoice is voided, nothing is charged.
    charges = len(fake_stripe.objects("charge"))
    assert [r.status_code for r in deliver(fake_stripe.renew(member.stripe_subscription_id))] == [
        200,
        200,
    ]
    assert fake_stripe.objects("invoice")[-1]["status"] == "void"
    assert len(fake_stripe.objects("charge")) == charges
    member.refresh_from_db()
    assert (member.status, member.payments_paused) == ("active", True)

    deliver(fake_stripe.reach_resume_date(member.stripe_subscription_id))
    member.refresh_from_db()
    assert not member.payments_paused
    assert member.paused_until is None
    assert "Pause payments" in client.get(ACCOUNT).content.decode()


def test_resume_now(client, member, fake_stripe, deliver):
    client.post(PAUSE, {"months": "3"})
    deliver(fake_stripe.take_events())
    assert client.post(RESUME).status_code == 302
    assert (
        fake_stripe.get("subscription", member.stripe_subscription_id)["pause_collection"] is None
    )
    deliver(fake_stripe.take_events())
    member.refresh_from_db()
    assert not member.payments_paused
    again = client.post(RESUME)
    assert again.status_code == 409
    assert "Payments are not paused." in again.content.decode()


@pytest.mark.parametrize("months", ["4", "0", "abc", "", "1.5"])
def test_a_bad_choice_is_an_inline_error_and_changes_nothing(client, member, fake_stripe, months):
    response = client.post(PAUSE, {"months": months})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose one, two or three months." in page
    assert 'id="pause-months-error"' in page
    assert subscription_updates(fake_stripe) == []
    member.refresh_from_db()
    assert not member.payments_paused


def test_a_membership_set_to_end_or_without_payments_cannot_be_paused(
    client, reader, member, fake_stripe, deliver
):
    Membership.objects.filter(pk=member.pk).update(cancel_at_period_end=True)
    page = client.get(ACCOUNT).content.decode()
    assert "Pause payments" not in page
    response = client.post(PAUSE, {"months": "1"})
    assert response.status_code == 409
    assert subscription_updates(fake_stripe) == []


def test_pause_needs_a_signed_in_reader_and_a_post(client, member):
    assert client.get(PAUSE).status_code == 405
    client.logout()
    assert client.post(PAUSE, {"months": "1"}).status_code == 302  # to sign in
