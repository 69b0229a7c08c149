"""Requests that used to answer 500 (and log an ERROR): each is a clear 4xx now,
or a normal page that ignores the junk. The sweep of every URL pattern is in
test_hostile_sweep.py."""

import json
import logging

from django.contrib.sessions.models import Session
from django.urls import reverse

import pytest

from membership.ids import parse_id
from membership.models import Contribution, StripeEvent
from membership.redirects import safe_local_path
from tests.membership.conftest import WEBHOOK_URL, sign

pytestmark = pytest.mark.django_db

NON_ASCII_DIGITS = ["²", "١٢", "\U0001d7d9", "¹²³", "٣"]


@pytest.fixture
def quiet_client(client):
    client.raise_request_exception = False  # a 500 shows up as a status
    return client


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        ("42", 42),
        (" 7 ", 7),
        ("2147483647", 2147483647),
        ("0", None),
        ("-1", None),
        ("+1", None),
        ("01", 1),
        ("1.5", None),
        ("1e3", None),
        ("9" * 400, None),
        ("9223372036854775808", None),
        ("", None),
        (None, None),
        ("\x00", None),
        ("1\x00", None),
        *[(value, None) for value in NON_ASCII_DIGITS],
    ],
)
def test_parse_id_accepts_only_ascii_digits_in_range(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.parametrize(
    "url", ["/membership/join/email/", "/membership/give/", "/membership/join/", "/membership/"]
)
def test_non_ascii_digits_as_an_article_id(quiet_client, url, tiers, reader):
    for signed_in in (False, True):
        if signed_in:
            quiet_client.force_login(reader)
        for value in NON_ASCII_DIGITS:
            query = {"tier": "supporter", "interval": "month", "article": value}
            for response in (quiet_client.get(url, query), quiet_client.post(url, query)):
                assert response.status_code < 500, (url, value, response.status_code)


def test_gift_with_a_non_ascii_article_id_drops_the_attribution(quiet_client, tiers, fake_stripe):
    response = quiet_client.post("/membership/give/", {"amount": "25", "article": "²"})
    assert response.status_code == 303
    (session,) = fake_stripe.objects("checkout.session")
    assert "article" not in session["metadata"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("/membership/join/?tier=x", "/membership/join/?tier=x"),
        ("/", "/"),
        ("foo", None),
        ("account:index", None),
        ("//evil.example/x", None),
        ("/\\evil.example", None),
        ("https://evil.example/", None),
        ("http://testserver/membership/", None),
        ("javascript:alert(1)", None),
        ("/a\x00b", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_local_path(rf, raw, expected):
    assert safe_local_path(rf.get("/"), raw) == expected


@pytest.mark.parametrize("next_url", ["foo", "account:index", "https://evil.example/", "\x00"])
def test_join_code_with_a_junk_next_goes_to_the_join_page(quiet_client, next_url):
    response = quiet_client.get("/membership/join/code/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("membership:join")


def test_join_code_keeps_a_local_next(quiet_client):
    target = "/membership/join/?tier=supporter&interval=month"
    response = quiet_client.get("/membership/join/code/", {"next": target})
    assert response["Location"] == target


@pytest.mark.parametrize("method", ["get", "post", "head"])
def test_google_sign_in_is_absent_when_not_configured(quiet_client, method):
    response = getattr(quiet_client, method)("/accounts/google/login/")
    assert response.status_code == 404
    assert quiet_client.get("/accounts/google/login/callback/?code=x").status_code == 404


@pytest.mark.parametrize("session_id", ["\x00", "cs_test_\x00", "x" * 300, "' OR 1=1 --", "²"])
def test_thanks_page_ignores_a_malformed_session_id(quiet_client, reader, session_id):
    Contribution.objects.create(
        checkout_session_id="cs_test_abc", amount=500, currency="usd", status="paid"
    )
    for signed_in in (False, True):
        if signed_in:
            quiet_client.force_login(reader)
        response = quiet_client.get("/membership/thanks/", {"session_id": session_id})
        assert response.status_code == 200
        assert response.context["contribution"] is None
        assert not response.context["confirmed"]


def test_thanks_page_still_finds_a_real_session(quiet_client):
    Contribution.objects.create(
        checkout_session_id="cs_test_a1B2c3", amount=500, currency="usd", status="paid"
    )
    response = quiet_client.get("/membership/thanks/", {"session_id": "cs_test_a1B2c3"})
    assert response.context["contribution"] is not None


# Cookie headers as a browser (or a script) sends them; Django unquotes the
# first one to "abc" and a NUL byte.
COOKIES = ['"abc\\000"', '"abc\\000def\\000ghi\\000jkl"', "A" * 32, "x" * 5000, "é" * 32]


@pytest.mark.parametrize("cookie", COOKIES)
def test_a_malformed_session_cookie_is_no_session(quiet_client, home, cookie):
    for path in ("/", "/membership/", "/account/", "/accounts/login/"):
        response = quiet_client.get(path, HTTP_COOKIE=f"sessionid={cookie}")
        assert response.status_code in (200, 302), (path, response.status_code)


def test_a_malformed_session_cookie_never_reaches_the_database(home, client, monkeypatch):
    """The key never reaches a query: a NUL byte makes PostgreSQL's driver raise."""
    looked_up = []
    monkeypatch.setattr(
        Session.objects, "get", lambda **kwargs: looked_up.append(kwargs) or Session()
    )
    client.get("/membership/", HTTP_COOKIE='sessionid="abc\\000' + "a" * 40 + '"')
    assert looked_up == []


def test_a_signed_in_session_still_works(client, reader):
    client.force_login(reader)
    assert client.get("/account/").status_code == 200


@pytest.mark.parametrize("body", ["[]", "[1, 2]", "null", "1", '"evt_1"', "true", "{}"])
def test_a_signed_webhook_that_is_not_an_event_object_is_refused(quiet_client, body):
    response = quiet_client.post(
        WEBHOOK_URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body)
    )
    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0


def test_a_signed_webhook_that_is_an_array_of_events_is_refused(quiet_client):
    event = {"id": "evt_1", "type": "invoice.paid", "data": {"object": {}}}
    body = json.dumps([event])
    response = quiet_client.post(
        WEBHOOK_URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body)
    )
    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0


def test_disallowed_host_is_logged_as_a_warning(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    records = [r for r in caplog.records if r.name.startswith("django.security")]
    assert records, "Django no longer logs DisallowedHost"
    assert {r.levelname for r in records} == {"WARNING"}
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_passkey_list_renders(client, reader):
    """Found by the sweep: allauth's template needs django.contrib.humanize."""
    client.force_login(reader)
    response = client.get("/accounts/2fa/webauthn/")
    assert response.status_code == 200
