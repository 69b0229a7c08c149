"""Redirect safety, rate limits and the staff sign-in through allauth."""

from django.test import override_settings

import pytest
from allauth.mfa.models import Authenticator

from membership.models import User
from tests.membership.accounts.conftest import PASSWORD, code_in, last_email, make_reader

pytestmark = pytest.mark.django_db

OFF_SITE = ["//evil.com", "https://evil.com", "/\\evil.com", "javascript:alert(1)"]


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_password_sign_in_refuses_off_site_next(client, reader, next_url):
    response = client.post(
        "/accounts/login/", {"login": reader.email, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/"


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_code_sign_in_refuses_off_site_next(client, send, reader, next_url):
    # The form passes next= on to the confirm page; it must not survive there.
    response = send("post", "/accounts/login/code/", {"email": reader.email, "next": next_url})
    confirm_url = response["Location"]
    assert confirm_url.startswith("/accounts/login/code/confirm/")
    response = client.post(confirm_url, {"code": code_in(last_email()), "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/account/"


def test_sign_in_follows_a_same_site_next(client, reader):
    response = client.post(
        "/accounts/login/",
        {"login": reader.email, "password": PASSWORD, "next": "/world/some-story/?a=1"},
    )
    assert response["Location"] == "/world/some-story/?a=1"


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_admin_login_redirect_refuses_off_site_next(client, reader, next_url):
    response = client.get("/admin/login/", {"next": next_url})
    assert response.status_code == 302
    target = response["Location"]
    assert target.startswith("/accounts/login/")
    response = client.post(target, {"login": reader.email, "password": PASSWORD})
    assert response["Location"] == "/account/"


def test_failed_password_attempts_are_limited_per_address(client, reader):
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": reader.email, "password": "nope"})
        assert response.status_code == 200
    # Even the right password is refused now: 429, with the page that explains.
    response = client.post("/accounts/login/", {"login": reader.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "<h1>Too many attempts</h1>" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The lock is on the address: another reader signs in from the same place.
    other = make_reader("other@example.org")
    client.post("/accounts/login/", {"login": other.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(other.pk)


@override_settings(ACCOUNT_RATE_LIMITS={"login": "2/m/ip"})
def test_rate_limit_answers_429_with_a_readable_page(client, reader):
    for _ in range(2):
        client.post("/accounts/login/", {"login": reader.email, "password": "nope"})
    response = client.post("/accounts/login/", {"login": reader.email, "password": PASSWORD})

    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1>Too many attempts</h1>" in html
    assert "Please wait a few minutes" in html
    assert 'class="site-header"' in html  # the site's own page, not a bare error
    assert "_auth_user_id" not in client.session


def test_the_admin_signs_in_through_allauth(client):
    editor = make_reader("editor@example.org", is_staff=True, is_superuser=True)

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    # Django's own (not rate-limited) login form is not reachable.
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    assert (
        client.post("/admin/login/", {"username": editor.email, "password": PASSWORD}).status_code
        == 405
    )

    response = client.post(
        "/accounts/login/", {"login": editor.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@override_settings(ACCOUNT_RATE_LIMITS={"login": "2/m/ip"})
def test_admin_sign_in_is_rate_limited(client):
    editor = make_reader("editor@example.org", is_staff=True, is_superuser=True)
    for _ in range(2):
        client.post("/accounts/login/?next=/admin/", {"login": editor.email, "password": "x"})
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": editor.email, "password": PASSWORD}
    )
    assert response.status_code == 429


def test_a_reader_signed_in_is_not_looped_by_the_admin(client, signed_in):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert b"You do not have permission to access the admin" in response.content


@override_settings(STAFF_REQUIRE_MFA=True)
def test_staff_must_set_up_a_second_factor_before_the_admin(client):
    editor = make_reader("editor@example.org", is_staff=True, is_superuser=True)
    client.post("/accounts/login/", {"login": editor.email, "password": PASSWORD})

    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"
    assert client.get("/accounts/2fa/").status_code == 200

    Authenticator.objects.create(user=editor, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert client.get("/admin/").status_code == 200


@override_settings(STAFF_REQUIRE_MFA=True)
def test_readers_are_not_asked_for_a_second_factor(client, signed_in):
    assert client.get("/account/").status_code == 200


@override_settings(STAFF_REQUIRE_MFA=False)
def test_staff_mfa_is_optional_when_the_setting_is_off(client):
    editor = make_reader("editor@example.org", is_staff=True, is_superuser=True)
    client.post("/accounts/login/", {"login": editor.email, "password": PASSWORD})
    assert client.get("/admin/").status_code == 200


def test_emails_differing_in_case_or_spaces_never_make_a_second_account(send):
    send("post", "/accounts/signup/", {"email": "Case@Example.org"})
    send("post", "/accounts/signup/", {"email": "  case@example.ORG  "})
    assert User.objects.filter(email__iexact="case@example.org").count() == 1
