"""The demo payments' webhook secret is public (it is in the repository), so
a delivery signed with it counts only in demo mode against the fake Stripe:
never beside a real STRIPE_SECRET_KEY, never in production. An empty secret
verifies nothing either (an HMAC with an empty key is anyone's)."""

import json

from django.conf import settings as django_settings

import pytest

from membership import stripe_gateway
from membership.fakestripe import sign_payload
from membership.models import StripeEvent
from tests.membership.conftest import WEBHOOK_URL
from tests.newsroom.test_settings import PRODUCTION_ENV, run_django

pytestmark = pytest.mark.django_db

DEMO_SECRET_KEY = django_settings.STRIPE_DEMO_SECRET_KEY
DEMO_WEBHOOK_SECRET = django_settings.STRIPE_DEMO_WEBHOOK_SECRET

EVENT = json.dumps({"id": "evt_demo_1", "type": "newsroom.test", "data": {"object": {}}})


@pytest.fixture
def post(client):
    def deliver(secret: str) -> int:
        signature = sign_payload(EVENT, secret)
        response = client.post(
            WEBHOOK_URL,
            data=EVENT,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        )
        return response.status_code

    yield deliver
    stripe_gateway.install(None)


def configure(settings, *, demo: bool, secret_key: str, webhook_secret: str) -> None:
    settings.STRIPE_DEMO_PAYMENTS = demo
    settings.STRIPE_SECRET_KEY = secret_key
    settings.STRIPE_WEBHOOK_SECRET = webhook_secret


def test_demo_secret_is_accepted_in_demo_mode(settings, post):
    configure(settings, demo=True, secret_key=DEMO_SECRET_KEY, webhook_secret=DEMO_WEBHOOK_SECRET)
    assert post(DEMO_WEBHOOK_SECRET) == 200
    assert StripeEvent.objects.filter(id="evt_demo_1").exists()


@pytest.mark.parametrize(
    ("demo", "secret_key"),
    [
        (True, "sk_test_a_real_test_mode_key"),  # demo flag left on beside a real key
        (True, "sk_live_a_real_key"),
        (False, DEMO_SECRET_KEY),
        (False, "sk_live_a_real_key"),
    ],
)
def test_demo_secret_is_refused_outside_demo_mode(settings, post, demo, secret_key):
    configure(settings, demo=demo, secret_key=secret_key, webhook_secret=DEMO_WEBHOOK_SECRET)
    assert post(DEMO_WEBHOOK_SECRET) == 400
    assert StripeEvent.objects.count() == 0


def test_an_empty_webhook_secret_verifies_nothing(settings, post):
    configure(settings, demo=False, secret_key="sk_live_a_real_key", webhook_secret="")
    assert post("") == 400
    assert StripeEvent.objects.count() == 0


@pytest.mark.parametrize(
    "variable",
    [("STRIPE_WEBHOOK_SECRET", DEMO_WEBHOOK_SECRET), ("STRIPE_SECRET_KEY", DEMO_SECRET_KEY)],
)
def test_production_refuses_the_demo_keys(variable):
    name, value = variable
    result = run_django(["-c", "import django; django.setup()"], **{**PRODUCTION_ENV, name: value})
    assert result.returncode != 0
    assert "public demo value" in result.stderr.splitlines()[-1]


def test_development_with_a_real_key_has_no_demo_secret():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.STRIPE_DEMO_PAYMENTS, repr(s.STRIPE_WEBHOOK_SECRET))"
    )
    result = run_django(
        ["-c", code],
        DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
        STRIPE_SECRET_KEY="sk_test_a_real_test_mode_key",
    )
    assert result.stdout.split() == ["False", "''"], result.stderr[-2000:]
