"""The demo payment pages behave like Stripe's hosted ones: Checkout asks a
guest for their email; the portal changes tier, updates the card and says
what state a membership is in. Events reach our webhook through the test
client (the demo delivers them over HTTP in ``make run``)."""

from urllib.parse import urlsplit

from django.core.management import call_command

import pytest

from membership import demo, stripe_gateway
from membership.models import Contribution, Membership
from tests.membership.conftest import reauthenticate

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_mode(settings, tmp_path, deliver, monkeypatch):
    settings.STRIPE_DEMO_PAYMENTS = True
    settings.STRIPE_DEMO_STATE_FILE = tmp_path / "demo-stripe.json"
    settings.STRIPE_SECRET_KEY = "sk_test_demo_payments"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_demo_payments"
    monkeypatch.setattr(demo, "deliver", lambda events: [r.status_code for r in deliver(events)])
    call_command("setup_demo_payments", stdout=open("/dev/null", "w"))  # noqa: SIM115
    yield stripe_gateway.demo_fake()
    stripe_gateway.install(None)


def hosted_path(response) -> str:
    assert response.status_code == 303, response.content
    return urlsplit(response["Location"]).path


def test_a_guest_gift_asks_for_the_givers_email(client, demo_mode):
    page = hosted_path(client.post("/membership/give/", {"amount": "25"}))
    assert 'type="email"' in client.get(page).content.decode()

    for bad in ("", "not-an-address"):
        refused = client.post(page, {"email": bad})
        assert refused.status_code == 400
        assert "Enter a valid email address" in refused.content.decode()
    assert not Contribution.objects.exists()
    [session] = demo_mode.objects("checkout.session")
    assert session["status"] == "open"

    paid = client.post(page, {"email": "giver@example.org"})
    assert paid.status_code == 302
    assert Contribution.objects.get().email == "giver@example.org"


@pytest.fixture
def member_portal(client, reader, demo_mode):
    client.force_login(reader)
    checkout = hosted_path(
        client.post("/membership/join/", {"tier": "supporter", "interval": "month"})
    )
    assert client.post(checkout).status_code == 302
    reauthenticate(client)
    return hosted_path(client.post("/account/membership/billing/")), Membership.objects.get()


def test_an_ended_membership_shows_as_ended(client, member_portal):
    portal, membership = member_portal
    sub = membership.stripe_subscription_id
    client.post(portal, {"action": "cancel", "subscription": sub})
    assert "cancels on" in client.get(portal).content.decode()
    client.post(portal, {"action": "end", "subscription": sub})
    html = client.get(portal).content.decode()
    assert "Ended on" in html
    assert "cancels" not in html


def test_the_portal_changes_the_tier(client, member_portal, demo_mode):
    portal, membership = member_portal
    html = client.get(portal).content.decode()
    assert "Switch to Sustainer: $10 / month" in html
    [price] = [
        p for p in demo_mode.objects("price") if p["lookup_key"] == "newsroom_sustainer_monthly"
    ]
    client.post(
        portal,
        {
            "action": "switch",
            "subscription": membership.stripe_subscription_id,
            "price": price["id"],
        },
    )
    membership.refresh_from_db()
    assert (membership.tier.slug, membership.amount) == ("sustainer", 1000)


def test_the_portal_refuses_a_price_that_is_not_a_tier(client, member_portal):
    portal, membership = member_portal
    client.post(
        portal,
        {
            "action": "switch",
            "subscription": membership.stripe_subscription_id,
            "price": "price_x",
        },
    )
    membership.refresh_from_db()
    assert membership.tier.slug == "supporter"


def test_updating_the_card_pays_a_failed_renewal(client, member_portal):
    portal, membership = member_portal
    sub = membership.stripe_subscription_id
    client.post(portal, {"action": "fail", "subscription": sub})
    membership.refresh_from_db()
    assert membership.status == "past_due"
    assert "Update card" in client.get(portal).content.decode()

    client.post(portal, {"action": "card", "subscription": sub})

    membership.refresh_from_db()
    assert membership.status == "active"


@pytest.mark.parametrize(
    ("currency", "own", "other"), [("gbp", "£4 / month", "£9 / month"), ("eur", "€5", "€10")]
)
def test_the_portal_shows_the_members_currency(client, reader, demo_mode, currency, own, other):
    client.force_login(reader)
    checkout = hosted_path(
        client.post(
            "/membership/join/", {"tier": "supporter", "interval": "month", "currency": currency}
        )
    )
    assert client.post(checkout).status_code == 302
    assert Membership.objects.get().currency == currency
    reauthenticate(client)
    portal = hosted_path(client.post("/account/membership/billing/"))
    html = client.get(portal).content.decode()
    assert f"<h2>{own}" in html
    assert f"Switch to Sustainer: {other}" in html
    assert "$" not in html.split("<h1>", 1)[1]
