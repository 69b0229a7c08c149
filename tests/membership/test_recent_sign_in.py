"""A sign-in by emailed code is a recent authentication: "Manage billing"
right after it goes straight to Stripe, as it does after allauth's own
reauthentication, and asks again once that is no longer recent."""

import pytest

from membership.models import User
from tests.membership.accounts.conftest import code_in, last_email, make_reader

pytestmark = pytest.mark.django_db

BILLING = "/account/membership/billing/"


def sign_in_by_code(client, capture, email: str) -> None:
    with capture(execute=True):
        sent = client.post("/accounts/login/code/", {"email": email})
    assert sent.status_code == 302
    with capture(execute=True):
        done = client.post("/accounts/login/code/confirm/", {"code": code_in(last_email())})
    assert done.status_code == 302, done.content
    assert "_auth_user_id" in client.session


def portal_requests(fake_stripe) -> list:
    return [r for r in fake_stripe.requests if r["path"] == "/v1/billing_portal/sessions"]


def test_manage_billing_right_after_a_code_sign_in_opens_the_portal(
    client, subscribe, fake_stripe, django_capture_on_commit_callbacks
):
    reader = make_reader("ana@example.org", password=None)
    subscribe(reader)
    sign_in_by_code(client, django_capture_on_commit_callbacks, "ana@example.org")

    response = client.post(BILLING)

    assert response.status_code == 303
    assert "/portal/bps_" in response["Location"]
    assert len(portal_requests(fake_stripe)) == 1


def test_a_new_reader_who_joined_by_code_is_recently_authenticated_too(
    client, tiers, subscribe, fake_stripe, django_capture_on_commit_callbacks
):
    choice = {"tier": "supporter", "interval": "month"}
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/membership/join/email/", {**choice, "email": "new@example.org"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(sent["Location"], {"code": code_in(last_email())})
    user = User.objects.get(email="new@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    subscribe(user)

    response = client.post(BILLING)

    assert response.status_code == 303
    assert "/portal/bps_" in response["Location"]


def test_a_code_sign_in_that_is_no_longer_recent_asks_again(
    client, subscribe, fake_stripe, settings, django_capture_on_commit_callbacks
):
    reader = make_reader("ana@example.org", password=None)
    subscribe(reader)
    sign_in_by_code(client, django_capture_on_commit_callbacks, "ana@example.org")
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0

    response = client.post(BILLING)

    assert response["Location"].startswith("/accounts/reauthenticate/code/")
    assert portal_requests(fake_stripe) == []
