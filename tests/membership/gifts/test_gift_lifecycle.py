"""A gift membership from purchase to its last day: bought, scheduled,
delivered by the periodic job, claimed once, and ended on the prepaid date."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest

from membership.branding import sender, site_name
from membership.gifts.delivery import run_due
from membership.models import Contribution, GiftMembership, Membership
from membership.months import add_months
from tests.membership.gifts.conftest import (
    GIFT_URL,
    claim_link,
    emails_to,
    gift_form,
    sign_in_through,
)

pytestmark = pytest.mark.django_db


def test_checkout_is_a_one_time_payment_for_the_months(client, fake_stripe, tiers):
    response = client.post(GIFT_URL, gift_form(months="6", appeal="give-a-membership"))

    assert response.status_code == 303
    params = fake_stripe.requests[-1]["params"]
    assert params["mode"] == "payment"
    assert params["customer_creation"] == "always"
    (item,) = params["line_items"]
    assert item["price_data"] == {
        "currency": "usd",
        "unit_amount": "6000",  # $10 a month, six months, once
        "product": tiers["sustainer"].stripe_product_id,
    }
    assert params["metadata"]["newsroom"] == "gift_membership"
    assert params["metadata"]["months"] == "6"
    assert params["metadata"]["recipient"] == "bea@example.org"
    assert params["metadata"]["appeal"] == "give-a-membership"
    assert params["payment_intent_data"]["metadata"] == params["metadata"]
    assert GiftMembership.objects.count() == 0  # nothing before Stripe says it's paid


def test_bought_scheduled_delivered_claimed_once_and_ended_on_the_prepaid_date(
    client, fake_stripe, buy, deliver, django_capture_on_commit_callbacks
):
    in_ten_days = timezone.localdate() + datetime.timedelta(days=10)
    gift = buy(deliver_on=in_ten_days.isoformat())

    # Paid (events delivered twice): one gift, scheduled; only the buyer hears of it.
    assert GiftMembership.objects.count() == 1
    assert Contribution.objects.count() == 0
    assert (gift.status, gift.amount, gift.months, gift.deliver_on) == (
        "scheduled",
        3000,
        3,
        in_ten_days,
    )
    assert [m.to for m in mail.outbox] == [["giver@example.com"]]
    assert mail.outbox[0].from_email == sender()
    assert mail.outbox[0].subject == f"Your gift membership · {site_name()}"
    assert "on " + in_ten_days.strftime("%-d %B %Y") in mail.outbox[0].body

    # The periodic job: nothing before the day, then the claim email, once.
    with django_capture_on_commit_callbacks(execute=True):
        assert run_due().delivered == 0
    on_the_day = timezone.now() + datetime.timedelta(days=10)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            run_due(on_the_day)
    (delivery,) = emails_to("bea@example.org")
    assert delivery.from_email == sender()
    assert "Happy birthday, Bea!" in delivery.body
    gift.refresh_from_db()
    assert gift.status == "sent"
    assert gift.claim_expires_at == on_the_day + datetime.timedelta(days=365)

    # Bea claims it with her email alone.
    bea = Client()
    link = claim_link(delivery)
    page = bea.get(link)
    assert page.status_code == 200
    assert 'value="bea@example.org"' in page.content.decode()
    sign_in_through(bea, django_capture_on_commit_callbacks, link, "bea@example.org")
    assert "Claim my membership" in bea.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        claimed = bea.post(link)
    assert claimed.status_code == 302
    assert claimed["Location"] == "/account/membership/"

    gift.refresh_from_db()
    membership = Membership.objects.get(member__user__email="bea@example.org")
    prepaid = add_months(gift.claimed_at.replace(microsecond=0), 3)
    assert gift.status == "claimed"
    assert not gift.extended_existing
    assert membership.status == "trialing"
    assert membership.grants_benefits
    assert membership.ends_at == prepaid == gift.benefits_until
    assert membership.tier.slug == "sustainer"
    sub = fake_stripe.get("subscription", gift.stripe_subscription_id)
    assert (sub["trial_end"], sub["cancel_at"]) == (int(prepaid.timestamp()),) * 2
    charges = [c for c in fake_stripe.objects("charge") if c["customer"] == sub["customer"]]
    assert charges == []  # the recipient pays nothing
    assert {r.status_code for r in deliver(fake_stripe.take_events())} == {200}

    # A second claim, by anyone, is refused.
    for someone in (bea, Client()):
        again = someone.post(link)
        assert again.status_code == 410
        assert "already been claimed" in again.content.decode()
    assert Membership.objects.filter(member__user__email="bea@example.org").count() == 1

    # The prepaid date comes: Stripe ends the subscription, and the membership ends.
    assert {r.status_code for r in deliver(fake_stripe.trial_ends(sub["id"]))} == {200}
    membership.refresh_from_db()
    assert membership.status == "canceled"
    assert membership.ended_at == prepaid
    assert not membership.grants_benefits


def test_the_send_gift_memberships_command_delivers_what_is_due(buy):
    gift = buy(deliver_on=(timezone.localdate() + datetime.timedelta(days=1)).isoformat())
    GiftMembership.objects.filter(pk=gift.pk).update(deliver_on=timezone.localdate())

    call_command("send_gift_memberships", stdout=open("/dev/null", "w"))  # noqa: SIM115

    gift.refresh_from_db()
    assert gift.status == "sent"


def test_a_gift_due_today_goes_out_with_the_payment(buy):
    gift = buy()

    assert gift.status == "sent"
    assert gift.deliver_on == timezone.localdate()
    assert [m.to for m in mail.outbox] == [["giver@example.com"], ["bea@example.org"]]


def test_a_reminder_a_week_before_the_link_runs_out_then_it_expires(
    client, buy, django_capture_on_commit_callbacks
):
    gift = buy()
    mail.outbox.clear()
    sent = gift.sent_at

    with django_capture_on_commit_callbacks(execute=True):
        assert run_due(sent + datetime.timedelta(days=300)).reminded == 0
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            run_due(sent + datetime.timedelta(days=359))
    (reminder,) = mail.outbox
    assert reminder.to == ["bea@example.org"]
    assert "a week left" in reminder.subject
    assert claim_link(reminder) == f"/membership/gift/claim/{gift.claim_token}/"

    assert run_due(sent + datetime.timedelta(days=366)).expired == 1
    gone = client.get(f"/membership/gift/claim/{gift.claim_token}/")
    assert gone.status_code == 410
    assert "expired" in gone.content.decode()


def test_an_unknown_claim_link_is_not_found(client, tiers):
    assert client.get("/membership/gift/claim/not-a-real-token/").status_code == 404


def test_the_buyer_sees_their_gifts_and_their_status(client, reader, buy, fake_stripe):
    client.force_login(reader)
    later = buy(
        buyer_email=reader.email,
        recipient_email="cy@example.org",
        deliver_on=(timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
    )
    (checkout,) = [r for r in fake_stripe.requests if r["path"] == "/v1/checkout/sessions"]
    assert checkout["params"]["customer"] == reader.member.stripe_customer_id
    now = buy(buyer_email=reader.email)
    assert later.buyer == now.buyer == reader

    html = client.get("/account/membership/").content.decode()
    assert "Memberships you gave" in html
    assert "Scheduled for " + later.deliver_on.strftime("%-d %B %Y") in html
    assert "not claimed yet" in html

    thanks = client.get("/membership/gift/thanks/", {"session_id": now.checkout_session_id})
    assert "We've emailed bea@example.org a link to claim it" in thanks.content.decode()
