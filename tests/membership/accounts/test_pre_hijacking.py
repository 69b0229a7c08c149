"""Account pre-hijacking: a password set before the address was confirmed stops
working once the owner proves the address, and every other session ends."""

from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.test import Client

import pytest
from allauth.account.models import EmailAddress

from membership.accounts.ownership import REMOVED_MESSAGE
from membership.models import User
from tests.membership.accounts.conftest import PASSWORD, code_in, last_email, link_in

pytestmark = pytest.mark.django_db

VICTIM = "victim@example.org"
ATTACKERS_PASSWORD = "attackers-own-password-77"


def is_signed_in(client: Client) -> bool:
    return client.get("/account/").status_code == 200


def test_the_owners_code_sign_in_locks_the_attacker_out(
    client, django_capture_on_commit_callbacks
):
    attacker = Client()
    with django_capture_on_commit_callbacks(execute=True):
        attacker.post("/accounts/signup/", {"email": VICTIM, "password1": ATTACKERS_PASSWORD})
    account = User.objects.get(email=VICTIM)
    assert not EmailAddress.objects.get(user=account).verified
    # A session the attacker holds on the account (as Wagtail's plain login
    # used to hand out to unverified accounts).
    attacker.force_login(account)
    assert is_signed_in(attacker)

    # Months later the owner signs in by emailed code, which proves the address.
    victim = client
    with django_capture_on_commit_callbacks(execute=True):
        response = victim.post("/accounts/login/code/", {"email": VICTIM})
    with_code = {"code": code_in(last_email())}
    response = victim.post(response["Location"], with_code, follow=True)

    assert REMOVED_MESSAGE in response.content.decode()
    assert EmailAddress.objects.get(user=account).verified
    assert not User.objects.get(pk=account.pk).has_usable_password()
    assert is_signed_in(victim)  # the owner stays signed in
    assert not is_signed_in(attacker)  # the attacker's old session is over
    assert SESSION_KEY not in attacker.session
    # ... and the attacker's password no longer opens the account.
    attacker.post("/accounts/login/", {"login": VICTIM, "password": ATTACKERS_PASSWORD})
    assert SESSION_KEY not in attacker.session
    assert not is_signed_in(attacker)


def test_a_password_the_owner_chose_at_sign_up_stays(client, send):
    send("post", "/accounts/signup/", {"email": VICTIM, "password1": PASSWORD})
    response = client.post(
        "/accounts/confirm-email/", {"code": code_in(last_email())}, follow=True
    )

    assert is_signed_in(client)
    assert REMOVED_MESSAGE not in response.content.decode()
    assert User.objects.get(email=VICTIM).check_password(PASSWORD)


def test_a_password_typed_at_sign_in_before_confirming_stays(client, send):
    user = User.objects.create_user(email=VICTIM, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=VICTIM, verified=False, primary=True)

    # allauth asks for the emailed code before it lets an unverified address in.
    response = send("post", "/accounts/login/", {"login": VICTIM, "password": PASSWORD})
    assert response["Location"] == "/accounts/confirm-email/"
    response = client.post(
        "/accounts/confirm-email/", {"code": code_in(last_email())}, follow=True
    )

    assert is_signed_in(client)
    assert REMOVED_MESSAGE not in response.content.decode()
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_a_kept_password_still_ends_every_other_session(client, send):
    user = User.objects.create_user(email=VICTIM, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=VICTIM, verified=False, primary=True)
    elsewhere = Client()
    elsewhere.force_login(user)  # a session opened before, not through allauth

    send("post", "/accounts/login/", {"login": VICTIM, "password": PASSWORD})
    client.post("/accounts/confirm-email/", {"code": code_in(last_email())})

    assert is_signed_in(client)
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)
    assert not is_signed_in(elsewhere)


def test_a_verified_account_keeps_its_password_when_a_code_sign_in_happens(client, send, reader):
    response = send("post", "/accounts/login/code/", {"email": reader.email})
    response = client.post(response["Location"], {"code": code_in(last_email())}, follow=True)

    assert is_signed_in(client)
    assert REMOVED_MESSAGE not in response.content.decode()
    assert User.objects.get(pk=reader.pk).check_password(PASSWORD)


def test_the_data_export_asks_to_reauthenticate_first(client, signed_in):
    response = client.post("/account/data/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")

    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.post("/account/data/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_the_owners_password_reset_locks_the_attacker_out(
    client, django_capture_on_commit_callbacks
):
    attacker = Client()
    with django_capture_on_commit_callbacks(execute=True):
        attacker.post("/accounts/signup/", {"email": VICTIM, "password1": ATTACKERS_PASSWORD})
    attacker.force_login(User.objects.get(email=VICTIM))

    # The owner resets the password through the emailed link, then signs in
    # with it and confirms the address with the code allauth sends.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": VICTIM})
    set_url = client.get(link_in(last_email(), "/accounts/password/reset/key/"))["Location"]
    client.post(set_url, {"password1": PASSWORD, "password2": PASSWORD})
    cache.clear()  # later: allauth sends one verification email per 3 minutes
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/login/", {"login": VICTIM, "password": PASSWORD})
    assert response["Location"] == "/accounts/confirm-email/"
    client.post("/accounts/confirm-email/", {"code": code_in(last_email())})

    assert is_signed_in(client)
    assert User.objects.get(email=VICTIM).check_password(PASSWORD)  # the owner's own
    assert not is_signed_in(attacker)
    attacker.post("/accounts/login/", {"login": VICTIM, "password": ATTACKERS_PASSWORD})
    assert SESSION_KEY not in attacker.session
