"""/account/membership/ and the Customer Portal."""

from django.test import Client
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from membership.models import Contribution
from tests.membership.conftest import READER_PASSWORD, reauthenticate, session_id_from

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
    guest_gift(client, fake_stripe, deliver, reader.email, "15")
    other = django_user_model.objects.create_user("bo@example.org")
    Contribution.objects.create(
        checkout_session_id="cs_other", amount=9900, currency="usd", user=other, email=other.email
    )
    client.force_login(reader)
    html = client.get(ACCOUNT).content.decode()
    assert "$15" in html
    assert "$99" not in html


def test_guest_gifts_need_the_accounts_address_to_be_verified(
    client, reader, fake_stripe, deliver
):
    guest_gift(client, fake_stripe, deliver, reader.email, "15")
    EmailAddress.objects.filter(user=reader).update(verified=False)
    client.force_login(reader)
    assert "$15" not in client.get(ACCOUNT).content.decode()
    assert not Contribution.objects.for_user(reader).exists()

    EmailAddress.objects.filter(user=reader).update(verified=True)
    assert "$15" in client.get(ACCOUNT).content.decode()


def guest_gift(client, fake_stripe, deliver, email: str, amount: str) -> Contribution:
    response = Client().post("/membership/give/", {"amount": amount})
    session_id = session_id_from(response["Location"])
    fake_stripe.store.data["objects"]["checkout.session"][session_id]["customer_email"] = email
    deliver(fake_stripe.complete_checkout(session_id))
    return Contribution.objects.get(checkout_session_id=session_id)


def portal_requests(fake_stripe) -> list[dict]:
    return [r for r in fake_stripe.requests if r["path"] == "/v1/billing_portal/sessions"]


def test_manage_billing_asks_to_reauthenticate_then_opens_the_portal(
    client, reader, subscribe, fake_stripe
):
    membership, _ = subscribe(reader)
    client.force_login(reader)

    response = client.post(BILLING)

    assert response.status_code == 302
    assert (
        response["Location"]
        == "/accounts/reauthenticate/?next=%2Faccount%2Fmembership%2Fbilling%2F"
    )
    assert portal_requests(fake_stripe) == []  # nothing opened before confirming
    page = client.get(response["Location"])
    assert page.status_code == 200

    # Confirming the password resumes the suspended POST: straight to Stripe.
    resumed = client.post(response["Location"], {"password": READER_PASSWORD})
    assert resumed.status_code == 303
    assert "/portal/bps_" in resumed["Location"]
    [request] = portal_requests(fake_stripe)
    assert request["params"]["customer"] == membership.member.stripe_customer_id

    # Recently reauthenticated: the next click goes straight through.
    assert client.post(BILLING).status_code == 303


def test_reauthentication_by_emailed_code_also_resumes_billing(
    client, reader, subscribe, fake_stripe, django_capture_on_commit_callbacks
):
    from tests.membership.accounts.conftest import code_in, last_email

    membership, _ = subscribe(reader)
    reader.set_unusable_password()  # a reader who lives on emailed codes
    reader.save()
    client.force_login(reader)

    response = client.post(BILLING)
    assert response["Location"] == (
        "/accounts/reauthenticate/code/?next=%2Faccount%2Fmembership%2Fbilling%2F"
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(response["Location"], {"recipient": reader.email})
    assert sent.status_code == 302
    assert portal_requests(fake_stripe) == []

    wrong = client.post(sent["Location"], {"code": "WRONG-CODE"})
    assert wrong.status_code == 200
    assert portal_requests(fake_stripe) == []

    resumed = client.post(sent["Location"], {"code": code_in(last_email())})
    assert resumed.status_code == 303
    assert "/portal/bps_" in resumed["Location"]
    [request] = portal_requests(fake_stripe)
    assert request["params"]["customer"] == membership.member.stripe_customer_id


def test_manage_billing_opens_a_portal_for_the_readers_own_customer(
    client, reader, subscribe, fake_stripe
):
    membership, _ = subscribe(reader)
    client.force_login(reader)
    reauthenticate(client)
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
    other = django_user_model.objects.create_user("bo@example.org", password=READER_PASSWORD)
    client.force_login(other)
    reauthenticate(client)
    before = len(fake_stripe.requests)
    response = client.post(BILLING, {"customer": membership.member.stripe_customer_id})
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    assert len(fake_stripe.requests) == before  # no portal session for anyone


def test_manage_billing_needs_sign_in_and_a_get_shows_the_button(client, reader):
    assert client.post(BILLING)["Location"].startswith("/accounts/login/code/")
    client.force_login(reader)
    response = client.get(BILLING)  # never a 405: e.g. after an interrupted resume
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT


def test_portal_outage_shows_a_message(client, reader, subscribe, fake_stripe):
    subscribe(reader)
    client.force_login(reader)
    reauthenticate(client)
    fake_stripe.fail_next()
    response = client.post(BILLING, follow=True)
    assert "nothing was charged" in response.content.decode()
