"""Hostile input on the membership and account forms: never a 500, a 4xx (or
the page re-shown) with a readable message, nothing written, no Stripe call.

Each test loops over a table of values on one endpoint, so the tiers are
synced once per endpoint. The sweep of the non-membership endpoints is in
tests/newsroom/test_bad_input.py.
"""

from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from membership.forms import APPEAL
from membership.models import Contribution, Member, Membership, StripeEvent, User
from tests.membership.conftest import reauthenticate

JOIN = reverse("membership:join")
CONFIRM = reverse("membership:join_confirm")
EMAIL_STEP = reverse("membership:join_email")
GIVE = reverse("membership:give")

STRINGS = [
    "x" * 10_000,
    "\x00",
    "a\x00b",
    "' OR 1=1 --",
    "'; DROP TABLE membership_member; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "../../etc/passwd",
    "\u202e\ufeff",
    "😀" * 500,
]
AMOUNTS = [
    "-1",
    "-0.01",
    "0",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "1e309",
    "1e6",
    "0x10",
    "9" * 400,
    "12.345",
    "1,000",
    "12 dollars",
    "",
    *STRINGS,
]
TIERS = ["no-such-tier", "SUPPORTER", "supporter/../x", *STRINGS]
INTERVALS = ["week", "MONTH", "", "month\x00", *STRINGS]
ARTICLES = ["-1", "0", "1.5", "99999999999999999999", "0x10", "NaN", *STRINGS]
# Raw query strings as a WSGI server hands them over (latin-1 decoded bytes).
RAW_QUERIES = [
    "tier=%ff%fe&interval=month",
    "tier=supporter&interval=\xff\xfe",
    "tier=supporter&interval=month&article=%ff",
    "amount=%00&interval=year",
    "=&&==&;",
    "%",
]


def counts(fake_stripe) -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "addresses": EmailAddress.objects.count(),
        "members": Member.objects.count(),
        "memberships": Membership.objects.count(),
        "contributions": Contribution.objects.count(),
        "events": StripeEvent.objects.count(),
        "stripe requests": len(fake_stripe.requests),
        "emails": len(mail.outbox),
    }


def join_choices() -> list[dict[str, str]]:
    """Each hostile value in one field of an otherwise valid choice."""
    choices = [{"tier": v, "interval": "month"} for v in TIERS]
    choices += [{"tier": "supporter", "interval": v} for v in INTERVALS]
    choices += [{"amount": v, "interval": "month"} for v in AMOUNTS]
    choices += [{"tier": "supporter", "amount": v, "interval": "year"} for v in AMOUNTS if v]
    return choices


def assert_refused(response, choice, readable=True) -> None:
    assert response.status_code == 400, (str(choice)[:80], response.status_code)
    page = response.content.decode()
    if readable:
        assert 'class="errorlist' in page or "error" in page.lower(), str(choice)[:80]
    assert "Traceback" not in page


@pytest.fixture
def hostile_client(client, tiers):
    client.raise_request_exception = False  # a 500 shows up as a status, not an exception
    return client


@pytest.fixture
def signed_in(hostile_client, reader):
    hostile_client.force_login(reader)
    return hostile_client


def test_join_page_query_parameters(hostile_client, fake_stripe):
    before = counts(fake_stripe)
    for value in [*STRINGS, *ARTICLES, *INTERVALS]:
        response = hostile_client.get(JOIN, {"interval": value, "article": value, "appeal": value})
        assert response.status_code == 200, str(value)[:50]
        assert "<script>alert(1)</script>" not in response.content.decode()
    for raw in RAW_QUERIES:
        assert hostile_client.get(JOIN, QUERY_STRING=raw).status_code == 200, raw
    assert counts(fake_stripe) == before


def test_join_confirm_refuses_bad_choices(signed_in, fake_stripe):
    sessions = Session.objects.count()
    before = counts(fake_stripe)
    for choice in join_choices():
        assert_refused(signed_in.post(CONFIRM, choice), choice)
        assert_refused(signed_in.get(CONFIRM, choice), choice)
    for raw in RAW_QUERIES:
        response = signed_in.get(CONFIRM, QUERY_STRING=raw)
        assert response.status_code in (200, 400), raw
    assert counts(fake_stripe) == before
    assert Session.objects.count() == sessions


def test_join_confirm_drops_bad_article_ids(signed_in, fake_stripe):
    """Attribution never blocks a payment: a bad article id is dropped."""
    for article in ARTICLES:
        response = signed_in.get(
            CONFIRM, {"tier": "supporter", "interval": "month", "article": article}
        )
        assert response.status_code == 200, article
    response = signed_in.post(
        CONFIRM, {"tier": "supporter", "interval": "month", "article": "1 OR 1=1", "appeal": "<b>"}
    )
    assert response.status_code == 303
    (session,) = fake_stripe.objects("checkout.session")
    assert set(session["metadata"]) == {"newsroom", "user_id", "tier", "interval"}


def test_join_confirm_anonymous_goes_to_the_email_step(hostile_client, fake_stripe):
    before = counts(fake_stripe)
    for choice in join_choices()[:40]:
        response = hostile_client.post(CONFIRM, choice)
        assert response.status_code == 302, str(choice)[:80]
        assert response["Location"].startswith(EMAIL_STEP)
    assert counts(fake_stripe) == before


def test_email_step_refuses_bad_choices(hostile_client, fake_stripe):
    before = counts(fake_stripe)
    for choice in join_choices():
        assert_refused(hostile_client.get(EMAIL_STEP, choice), choice)
        assert_refused(
            hostile_client.post(EMAIL_STEP, {**choice, "email": "new@example.org"}), choice
        )
    assert counts(fake_stripe) == before


def test_email_step_refuses_bad_addresses(hostile_client, fake_stripe):
    before = counts(fake_stripe)
    emails = [
        *STRINGS,
        "",
        "not-an-email",
        "a@b",
        "ana@example.org\x00",
        "ana@example.org\nBcc: x@example.org",
        "a" * 250 + "@example.org",
        "<script>@example.org",
    ]
    for email in emails:
        response = hostile_client.post(
            EMAIL_STEP, {"tier": "supporter", "interval": "month", "email": email}
        )
        assert_refused(response, email)
        page = response.content.decode()
        readable = ("valid email address", "Enter your email address", "at most 254")
        assert any(message in page for message in readable), str(email)[:50]
    assert counts(fake_stripe) == before


def test_give_refuses_bad_amounts(hostile_client, fake_stripe):
    before = counts(fake_stripe)
    for amount in AMOUNTS:
        for data in ({"amount": amount}, {"amount": "25", "article": amount, "appeal": amount}):
            response = hostile_client.post(GIVE, data)
            if data["amount"] == "25":
                # bad attribution is dropped, not refused: Checkout starts
                assert response.status_code == 303, str(amount)[:50]
                continue
            assert_refused(response, amount)
    sessions = fake_stripe.objects("checkout.session")
    # No article id survived; an appeal is kept only if it is a plain slug.
    assert [s["metadata"] for s in sessions if "article" in s["metadata"]] == []
    appeals = [s["metadata"]["appeal"] for s in sessions if "appeal" in s["metadata"]]
    assert appeals
    assert all(APPEAL.match(a) for a in appeals)
    after = counts(fake_stripe)
    assert {k: v for k, v in after.items() if k != "stripe requests"} == {
        k: v for k, v in before.items() if k != "stripe requests"
    }
    # One Stripe call per accepted gift, none for a refused one.
    assert after["stripe requests"] - before["stripe requests"] == len(sessions)


def test_give_signed_in_refuses_bad_amounts(signed_in, fake_stripe):
    before = counts(fake_stripe)
    for amount in AMOUNTS:
        assert_refused(signed_in.post(GIVE, {"amount": amount}), amount)
    assert counts(fake_stripe) == before


def test_account_profile_refuses_bad_names(signed_in, fake_stripe):
    before = counts(fake_stripe)
    url = reverse("account:index")
    for value in ["x" * 10_000, "\x00", "a\x00b"]:
        response = signed_in.post(url, {"first_name": value, "last_name": value})
        assert_refused(response, value)
    for value in STRINGS[3:]:
        # Not an error: a name may contain anything printable. It is stored
        # as text and escaped on the page.
        response = signed_in.post(url, {"first_name": value[:150], "last_name": ""})
        assert response.status_code == 302
        page = signed_in.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page
    assert counts(fake_stripe) == before


def test_account_pages_ignore_hostile_parameters(signed_in, fake_stripe):
    before = counts(fake_stripe)
    reauthenticate(signed_in)
    for value in STRINGS:
        for url in (reverse("account:index"), reverse("membership:account")):
            assert signed_in.get(url, {"next": value, "q": value}).status_code == 200
        # Without the box ticked, nothing is deleted, whatever else is sent.
        response = signed_in.post(reverse("account:delete"), {"confirm": "", "user": value})
        assert_refused(response, value)
        assert "Tick the box" in response.content.decode()
        response = signed_in.post(reverse("membership:billing_portal"), {"customer": value})
        assert response.status_code == 302  # nothing to manage: back to the account page
    for raw in RAW_QUERIES:
        assert signed_in.get(reverse("membership:account"), QUERY_STRING=raw).status_code == 200
    assert counts(fake_stripe) == before
