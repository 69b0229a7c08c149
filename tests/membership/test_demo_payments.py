"""Demo payments: `make run` without Stripe keys joins against the bundled fake,
whose hosted pages deliver signed webhooks to our own URL over HTTP."""

from urllib.parse import urlsplit

from django.core import mail
from django.core.management import call_command

import pytest

from membership import stripe_gateway
from membership.models import Membership
from tests.membership.conftest import reauthenticate


@pytest.fixture
def demo_settings(settings, tmp_path):
    settings.STRIPE_DEMO_PAYMENTS = True
    settings.STRIPE_DEMO_STATE_FILE = tmp_path / "demo-stripe.json"
    settings.STRIPE_SECRET_KEY = "sk_test_demo_payments"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_demo_payments"
    yield settings
    stripe_gateway.install(None)


@pytest.mark.django_db
def test_demo_pages_do_not_exist_without_demo_payments(client):
    assert client.get("/membership/demo/cs_test_x/").status_code == 404
    assert client.get("/membership/demo/portal/bps_x/").status_code == 404
    assert "Demo payments" not in client.get("/membership/").content.decode()


# live_server flushes the database afterwards; serialized_rollback restores what
# data migrations made (groups, the site) for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_join_journey(client, reader, demo_settings, live_server):
    demo_settings.SITE_URL = live_server.url
    call_command("setup_demo_payments", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert "Demo payments — no money moves" in client.get("/membership/").content.decode()

    client.force_login(reader)
    checkout = client.post("/membership/join/", {"tier": "sustainer", "interval": "month"})
    assert checkout.status_code == 303
    hosted = urlsplit(checkout["Location"])
    assert hosted.netloc == urlsplit(live_server.url).netloc
    page = client.get(hosted.path).content.decode()
    assert "Pay $10 / month (demo)" in page
    assert "no money moves" in page

    # A new fake instance reads the same file: state survives runserver's reload.
    assert len(stripe_gateway.demo_fake().objects("checkout.session")) == 1

    mail.outbox.clear()
    paid = client.post(hosted.path)
    assert paid.status_code == 302
    assert "/membership/thanks/?session_id=cs_test_" in paid["Location"]
    membership = Membership.objects.get()
    assert (membership.status, membership.tier.slug, membership.amount) == (
        "active",
        "sustainer",
        1000,
    )
    assert [m.subject.split(" · ")[0] for m in mail.outbox] == [
        "Welcome, and thank you for becoming a member"
    ]
    thanks = client.get(urlsplit(paid["Location"]).path + "?" + urlsplit(paid["Location"]).query)
    assert "Your membership is confirmed" in thanks.content.decode()

    reauthenticate(client)
    portal = urlsplit(client.post("/account/membership/billing/")["Location"]).path
    assert "Cancel at period end" in client.get(portal).content.decode()
    client.post(portal, {"action": "cancel", "subscription": membership.stripe_subscription_id})
    membership.refresh_from_db()
    assert membership.cancel_at_period_end
    assert "Cancels on" in client.get("/account/membership/").content.decode()
