"""Staff invitations (issue 17), and the sign-in problems of staff created
in Settings → Users: one code for a first sign-in by code, a message that
says a verification email was sent already (not "too many failed login
attempts"), and a verification email that says what happened."""

import datetime
import re

from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from membership.models import StaffInvitation, User
from tests.membership.accounts.conftest import PASSWORD, code_in, last_email

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "pilot-boats-at-dawn-2026"


@pytest.fixture
def admin_user(db) -> User:
    user = User.objects.create_superuser("chief@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def invite(client, send, admin_user, email="new.reporter@example.org", group="Reporters") -> str:
    client.force_login(admin_user)
    group_id = Group.objects.get(name=group).pk
    response = send("post", "/admin/staff-invitations/", {"email": email, "group": group_id})
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    message = last_email()
    assert message.to == [email]
    link = re.search(r"https?://\S+/account/invitation/\S+/", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", link)


def test_admin_invites_and_the_invitee_is_in_with_a_verified_address(client, send, admin_user):
    path = invite(client, send, admin_user)
    assert "invited you to work on" in last_email().body
    assert "Reporters" in last_email().body

    page = client.get(path)
    assert page.status_code == 200
    assert b"new.reporter@example.org" in page.content

    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    user = User.objects.get(email="new.reporter@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert list(user.groups.values_list("name", flat=True)) == ["Reporters"]
    assert EmailAddress.objects.get(user=user).verified
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/admin/").status_code == 200
    # The link worked once.
    client.logout()
    again = client.post(path, {"password1": "another-one-9999", "password2": "another-one-9999"})
    assert again.status_code == 410
    assert b"used already" in again.content
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)


def test_where_a_second_factor_is_required_the_invitee_sets_one_up_first(
    client, send, admin_user, settings
):
    path = invite(client, send, admin_user)
    settings.STAFF_REQUIRE_MFA = True
    client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"


def test_bad_input_changes_nothing(client, send, admin_user):
    path = invite(client, send, admin_user)
    response = client.post(path, {"password1": NEW_PASSWORD, "password2": "not the same"})
    assert response.status_code == 400
    assert b"not the same" in response.content
    response = client.post(path, {"password1": "short", "password2": "short"})
    assert response.status_code == 400
    assert not User.objects.filter(email="new.reporter@example.org").exists()
    assert StaffInvitation.objects.get().accepted_at is None
    assert "_auth_user_id" not in client.session


def test_unknown_and_expired_links_are_refused(client, send, admin_user):
    path = invite(client, send, admin_user)
    assert client.get("/account/invitation/not-a-token/").status_code == 410
    StaffInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 410
    assert b"expired" in response.content
    assert not User.objects.filter(email="new.reporter@example.org").exists()


def test_only_those_who_may_add_users_can_invite(client, send):
    editor = User.objects.create_user("editor@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    group = Group.objects.get(name="Editors").pk
    response = client.post("/admin/staff-invitations/", {"email": "x@example.org", "group": group})
    assert response.status_code in (302, 403)
    assert not StaffInvitation.objects.exists()
    assert mail.outbox == []


def test_an_earlier_unverified_account_is_taken_over_with_the_new_password(
    client, send, admin_user
):
    squatter = User.objects.create_user("new.reporter@example.org", "attackers-password-1")
    EmailAddress.objects.create(user=squatter, email=squatter.email, verified=False, primary=True)
    path = invite(client, send, admin_user)
    client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    squatter.refresh_from_db()
    assert not squatter.check_password("attackers-password-1")
    assert squatter.check_password(NEW_PASSWORD)
    assert EmailAddress.objects.get(user=squatter).verified


# --- Staff made in Settings → Users (no allauth address row) -----------------


def settings_user(email="made.in.settings@example.org") -> User:
    """As Wagtail's "Add user" form makes them: a user, no EmailAddress."""
    return User.objects.create_user(email, PASSWORD)


def test_first_sign_in_by_code_needs_one_code(client, send):
    user = settings_user()
    send("post", "/accounts/login/code/", {"email": user.email})
    code = code_in(last_email())
    sent = len(mail.outbox)
    response = send("post", "/accounts/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert len(mail.outbox) == sent  # no second code
    assert EmailAddress.objects.get(user=user).verified


def test_a_second_password_sign_in_says_the_code_was_sent_not_too_many_failures(client, send):
    user = settings_user()
    first = send("post", "/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert first["Location"] == "/accounts/confirm-email/"
    client.cookies.clear()
    again = send("post", "/accounts/login/", {"login": user.email, "password": PASSWORD})
    text = again.content.decode()
    assert "Too many failed login attempts" not in text
    assert "already sent a confirmation code" in text
    assert "_auth_user_id" not in client.session


def test_the_verification_email_says_what_happened(client, send):
    user = settings_user()
    send("post", "/accounts/login/", {"login": user.email, "password": PASSWORD})
    body = last_email().body
    assert "has given your email address to register" not in body
    assert "signing in" in body
    send(
        "post", "/accounts/signup/", {"email": "brand.new@example.org", "password1": NEW_PASSWORD}
    )
    body = last_email().body
    assert "has given your email address to register" not in body
    assert "signed up" in body
