"""/account/membership/ and the Customer Portal."""

from django.test import Client
from django.urls import reverse

import pytest

from membership.models import Contribution
from tests.membership.conftest import session_id_from

pytestmark = pytest.mark.django_db

ACCOUNT = "/account/membership/"
BILLING = "/account/membership/billing/"


def test_account_needs_sign_in(client):
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert "next=/account/membership/" in response["Location"]


def test_account_shows_the_membership(client, reader, subscribe, fake_stripe, deliver):
    membership, _ = subscribe(reader, "sustainer", "year")
    client.force_login(reader)
    page = client.get(ACCOUNT)
    assert "no-cache" in page["Cache-Control"]
    html = page.content.decode()
    assert "Sustainer" in html
    assert "$100 / year" in html
    assert "Yearly" in html
    assert f"{membership.current_period_end:%-d %B %Y}" in html
    assert "Next payment" in html
    assert "Manage billing" in html

    deliver(
        fake_stripe.update_subscription(
            membership.stripe_subscription_id, cancel_at_period_end=True
        )
    )
    html = client.get(ACCOUNT).content.decode()
    assert "Cancels on" in html
    assert "Next payment" not in html


def test_account_shows_a_payment_problem(client, reader, subscribe, fake_stripe, deliver):
    membership, _ = subscribe(reader)
    deliver(fake_stripe.renew(membership.stripe_subscription_id, paid=False))
    client.force_login(reader)
    assert "your last payment failed" in client.get(ACCOUNT).content.decode().lower()


def test_gifts_show_up_including_guest_gifts_with_the_same_email(
    client, reader, fake_stripe, deliver, django_user_model
):
    guest = Client()
    response = guest.post("/membership/give/", {"amount": "15"})
    session_id = session_id_from(response["Location"])
    fake_stripe.store.data["objects"]["checkout.session"][session_id]["customer_email"] = (
        reader.email
    )
    deliver(fake_stripe.complete_checkout(session_id))
    other = django_user_model.objects.create_user("bo@example.org")
    Contribution.objects.create(
        checkout_session_id="cs_other", amount=9900, currency="usd", user=other, email=other.email
    )
    client.force_login(reader)
    html = client.get(ACCOUNT).content.decode()
    assert "$15" in html
    assert "$99" not in html


def test_manage_billing_opens_a_portal_for_the_readers_own_customer(
    client, reader, subscribe, fake_stripe
):
    membership, _ = subscribe(reader)
    client.force_login(reader)
    response = client.post(BILLING, {"customer": "cus_someone_else"})
    assert response.status_code == 303
    assert "/portal/bps_" in response["Location"]
    request = fake_stripe.requests[-1]
    assert request["path"] == "/v1/billing_portal/sessions"
    assert request["params"] == {
        "customer": membership.member.stripe_customer_id,
        "return_url": "http://testserver" + reverse("membership:account"),
    }


def test_a_reader_can_never_open_another_readers_portal(
    client, reader, subscribe, fake_stripe, django_user_model
):
    membership, _ = subscribe(reader)
    other = django_user_model.objects.create_user("bo@example.org")
    client.force_login(other)
    before = len(fake_stripe.requests)
    response = client.post(BILLING, {"customer": membership.member.stripe_customer_id})
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    assert len(fake_stripe.requests) == before  # no portal session for anyone


def test_manage_billing_is_post_only_and_signed_in_only(client, reader):
    assert client.post(BILLING).status_code == 302  # to sign-in
    client.force_login(reader)
    assert client.get(BILLING).status_code == 405


def test_portal_outage_shows_a_message(client, reader, subscribe, fake_stripe):
    subscribe(reader)
    client.force_login(reader)
    fake_stripe.fail_next()
    response = client.post(BILLING, follow=True)
    assert "nothing was charged" in response.content.decode()
