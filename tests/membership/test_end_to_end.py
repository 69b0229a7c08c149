"""The whole join over real loopback HTTP: the SDK's default HTTP client talks
to the fake served on 127.0.0.1, and Stripe's events come back signed."""

import pytest

from membership import stripe_gateway
from membership.fakestripe import FakeStripe, serve_http
from membership.models import Membership
from tests.membership.conftest import reauthenticate, session_id_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def http_fake(settings):
    fake = FakeStripe()
    with serve_http(fake) as base_url:
        settings.STRIPE_API_BASE = base_url
        stripe_gateway.install(stripe_gateway.build_client())  # default requests client
        yield fake
    stripe_gateway.install(None)


def test_join_over_loopback_http(
    client, reader, http_fake, deliver, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.core.management import call_command

    from membership.models import Tier

    Tier.objects.create(slug="supporter", name="Supporter", monthly_amount=500, yearly_amount=5000)
    call_command("stripe_sync_tiers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.force_login(reader)
    response = client.post("/membership/join/", {"tier": "supporter", "interval": "month"})
    assert response.status_code == 303
    assert http_fake.requests[-1]["headers"]["user-agent"].startswith("Stripe/v1 PythonBindings")
    events = http_fake.complete_checkout(session_id_from(response["Location"]))
    mail.outbox.clear()
    assert {r.status_code for r in deliver(events)} == {200}
    membership = Membership.objects.get()
    assert (membership.status, membership.amount, membership.interval) == ("active", 500, "month")
    assert len(mail.outbox) == 1

    reauthenticate(client)
    portal = client.post("/account/membership/billing/")
    assert portal.status_code == 303
    deliver(
        http_fake.update_subscription(membership.stripe_subscription_id, cancel_at_period_end=True)
    )
    deliver(http_fake.cancel_now(membership.stripe_subscription_id))
    membership.refresh_from_db()
    assert membership.status == "canceled"
