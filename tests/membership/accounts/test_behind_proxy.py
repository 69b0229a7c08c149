"""Per-address rate limits behind Caddy: every connection comes from
127.0.0.1, so the limits must count the client named in X-Forwarded-For (by a
trusted proxy only), or 20 readers signing up lock out the 21st."""

from django.test import Client

import pytest

from tests.membership.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

CADDY = "127.0.0.1"
SIGNUPS_PER_ADDRESS = 20  # ACCOUNT_RATE_LIMITS["signup"] = "20/m/ip"
FAILED_SIGNINS_PER_ADDRESS = 10  # ACCOUNT_RATE_LIMITS["login_failed"] = "10/m/ip,..."


@pytest.fixture
def behind_caddy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]


@pytest.fixture
def sign_up(django_capture_on_commit_callbacks):
    def _sign_up(n: int, peer: str, forwarded_for: str):
        with django_capture_on_commit_callbacks(execute=True):
            return Client().post(
                "/accounts/signup/",
                {"email": f"reader{n}@example.org", "password1": PASSWORD},
                REMOTE_ADDR=peer,
                HTTP_X_FORWARDED_FOR=forwarded_for,
            )

    return _sign_up


def sign_in(email: str, password: str, peer: str, forwarded_for: str):
    return Client().post(
        "/accounts/login/",
        {"login": email, "password": password},
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_twenty_readers_signing_up_do_not_lock_out_the_next(behind_caddy, sign_up):
    for n in range(SIGNUPS_PER_ADDRESS):
        assert sign_up(n, CADDY, f"203.0.113.{n + 1}").status_code == 302
    response = sign_up(99, CADDY, "198.51.100.21")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/confirm-email/")


def test_one_reader_is_still_limited_through_the_proxy(behind_caddy, sign_up):
    for n in range(SIGNUPS_PER_ADDRESS):
        # Whatever the client writes on the left is not theirs to choose.
        assert sign_up(n, CADDY, f"10.9.9.{n}, 203.0.113.5").status_code == 302
    assert sign_up(99, CADDY, "10.9.9.99, 203.0.113.5").status_code == 429
    assert sign_up(100, CADDY, "198.51.100.21").status_code == 302  # someone else


def test_a_spoofed_header_from_an_untrusted_peer_does_not_evade_the_limit(behind_caddy, sign_up):
    for n in range(SIGNUPS_PER_ADDRESS):
        assert sign_up(n, "198.51.100.7", f"203.0.113.{n + 1}").status_code == 302
    assert sign_up(99, "198.51.100.7", "203.0.113.99").status_code == 429


def test_failed_sign_ins_elsewhere_do_not_lock_out_a_reader(behind_caddy, reader):
    for n in range(FAILED_SIGNINS_PER_ADDRESS):
        response = sign_in(f"someone{n}@example.org", "wrong", CADDY, f"203.0.113.{n + 1}")
        assert response.status_code == 200
    response = sign_in(reader.email, PASSWORD, CADDY, "198.51.100.21")
    assert response.status_code == 302
    assert response["Location"] == "/account/"


def test_failed_sign_ins_from_one_client_are_limited(behind_caddy, reader):
    for n in range(FAILED_SIGNINS_PER_ADDRESS):
        sign_in(f"someone{n}@example.org", "wrong", CADDY, f"10.0.0.{n}, 203.0.113.5")
    response = sign_in(reader.email, PASSWORD, CADDY, "203.0.113.5")
    assert response.status_code == 429
    assert b"<h1>Too many attempts</h1>" in response.content
    assert sign_in(reader.email, PASSWORD, CADDY, "198.51.100.21").status_code == 302
