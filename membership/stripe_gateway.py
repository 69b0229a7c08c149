"""The one place that talks to Stripe (the only module that imports ``stripe``).

Everything goes through one injected ``stripe.StripeClient`` built from
settings: the pinned ``STRIPE_API_VERSION``, ``STRIPE_API_BASE`` (a fake or mock
server) and ``STRIPE_MAX_NETWORK_RETRIES``. Answers come back as plain dicts
(``to_dict``), so the rest of the app never handles SDK objects, whose shape
and dict-ness change between SDK majors.

Errors are translated: :class:`NotFound` for a missing object,
:class:`InvalidSignature` for a webhook that fails verification, and
:class:`PaymentsUnavailable` for everything else (network, outage, bad key).
"""

import io
import json
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

import stripe

from membership.fakestripe import FakeStripe

logger = logging.getLogger(__name__)

Obj = dict[str, Any]


class PaymentsUnavailable(Exception):
    """Stripe could not do what we asked (outage, network, configuration)."""


class NotFound(PaymentsUnavailable):
    """Stripe has no such object."""


class InvalidSignature(Exception):
    """A webhook delivery that is not provably from Stripe."""


class InProcessHTTPClient(stripe.HTTPClient):
    """An SDK HTTP client that hands requests to a function in this process
    (the fake Stripe) instead of the network: the SDK's own encoding,
    headers, retries and error mapping still run."""

    name = "newsroom-in-process"

    def __init__(self, handler: Any) -> None:
        super().__init__()
        self.handler = handler

    def request(self, method, url, headers, post_data=None, *, _usage=None):  # type: ignore[override]
        return self.handler(method.upper(), url, dict(headers or {}), post_data)

    def request_stream(self, method, url, headers, post_data=None, *, _usage=None):  # type: ignore[override]
        body, status, reply_headers = self.request(method, url, headers, post_data)
        return io.BytesIO(body.encode()), status, reply_headers

    def close(self) -> None:
        pass


def build_client(*, http_client: stripe.HTTPClient | None = None) -> stripe.StripeClient:
    """A client configured from settings; ``http_client`` swaps the transport."""
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        stripe_version=settings.STRIPE_API_VERSION,
        base_addresses=base,  # type: ignore[arg-type]
        max_network_retries=settings.STRIPE_MAX_NETWORK_RETRIES,
        http_client=http_client,
    )


_client: stripe.StripeClient | None = None


def client() -> stripe.StripeClient:
    global _client
    if _client is None:
        if settings.STRIPE_DEMO_PAYMENTS:
            _client = build_client(http_client=InProcessHTTPClient(demo_fake().handle))
        else:
            _client = build_client()
    return _client


def install(new_client: stripe.StripeClient | None) -> None:
    """Inject a client (tests point it at the fake); ``None`` rebuilds from settings."""
    global _client
    _client = new_client


@receiver(setting_changed)
def _settings_changed(setting: str, **kwargs: Any) -> None:
    if setting.startswith("STRIPE_"):
        install(None)


def demo_fake() -> FakeStripe:
    """The fake Stripe behind demo payments, state in ``STRIPE_DEMO_STATE_FILE``
    (production never builds one: demo payments are refused there)."""
    if not settings.STRIPE_DEMO_PAYMENTS:
        raise ImproperlyConfigured("Demo payments are off; the fake Stripe is not available.")
    return FakeStripe(
        path=settings.STRIPE_DEMO_STATE_FILE,
        hosted_base=f"{settings.SITE_URL}/membership/demo",
        api_version=settings.STRIPE_API_VERSION,
    )


def _plain(obj: Any) -> Obj:
    return obj.to_dict(recursive=True, for_json=True)


def call(what: str, func: Any, *args: Any, **kwargs: Any) -> Obj:
    try:
        return _plain(func(*args, **kwargs))
    except stripe.InvalidRequestError as error:
        if error.code == "resource_missing":
            raise NotFound(f"{what}: {error.user_message or error}") from error
        logger.error("Stripe refused %s: %s", what, error)
        raise PaymentsUnavailable(f"{what}: {error}") from error
    except stripe.StripeError as error:
        logger.error("Stripe failed on %s: %s", what, error)
        raise PaymentsUnavailable(f"{what}: {error}") from error


# --- customers -----------------------------------------------------------------------


def create_customer(*, email: str, user_id: int) -> Obj:
    """Create the Stripe customer for one of our users. The idempotency key is
    deterministic, so a double click or a retried job never makes two."""
    return call(
        "create customer",
        client().v1.customers.create,
        {"email": email, "metadata": {"user_id": str(user_id), "newsroom": "1"}},
        {"idempotency_key": f"customer-create-user-{user_id}"},
    )


# --- catalogue -----------------------------------------------------------------------


def prices_by_lookup_key(lookup_keys: list[str]) -> dict[str, Obj]:
    """Active prices for the given lookup keys, keyed by lookup key, with
    their ``currency_options`` (each currency's amount, the default's too)."""
    found = call(
        "list prices",
        client().v1.prices.list,
        {
            "lookup_keys": lookup_keys,
            "active": True,
            "limit": 100,
            "expand": ["data.currency_options"],
        },
    )
    return {price["lookup_key"]: price for price in found["data"]}


def retrieve_product(product_id: str) -> Obj:
    return call("retrieve product", client().v1.products.retrieve, product_id)


def create_product(params: Obj, *, idempotency_key: str) -> Obj:
    return call(
        "create product",
        client().v1.products.create,
        params,
        {"idempotency_key": idempotency_key},
    )


def update_product(product_id: str, params: Obj) -> Obj:
    return call("update product", client().v1.products.update, product_id, params)


def create_price(params: Obj, *, idempotency_key: str) -> Obj:
    return call(
        "create price", client().v1.prices.create, params, {"idempotency_key": idempotency_key}
    )


# --- checkout, portal ------------------------------------------------------------------


def create_checkout_session(params: Obj) -> Obj:
    return call("create checkout session", client().v1.checkout.sessions.create, params)


def create_portal_session(
    *, customer_id: str, return_url: str, cancel_subscription: str = ""
) -> Obj:
    """A portal session; with ``cancel_subscription`` it opens straight on
    cancelling that subscription (``flow_data[type]=subscription_cancel``)."""
    params: Obj = {"customer": customer_id, "return_url": return_url}
    if cancel_subscription:
        params["flow_data"] = {
            "type": "subscription_cancel",
            "subscription_cancel": {"subscription": cancel_subscription},
        }
    return call("create portal session", client().v1.billing_portal.sessions.create, params)


# --- objects we mirror ---------------------------------------------------------------------

# A subscription as we mirror it: its price's product and currency options.
SUBSCRIPTION_EXPAND = ["items.data.price.product", "items.data.price.currency_options"]


def retrieve_subscription(subscription_id: str) -> Obj:
    """The subscription as Stripe has it now (never trust an event's copy)."""
    return call(
        "retrieve subscription",
        client().v1.subscriptions.retrieve,
        subscription_id,
        {"expand": SUBSCRIPTION_EXPAND},
    )


def list_subscriptions(customer_id: str) -> list[Obj]:
    """The customer's subscriptions that are not canceled (Stripe's default)."""
    found = call(
        "list subscriptions",
        client().v1.subscriptions.list,
        {"customer": customer_id, "limit": 100},
    )
    return found["data"]


def cancel_subscription_at_period_end(subscription_id: str) -> Obj:
    """Stop renewing: the subscription runs to the end of the paid period and
    then ends (Stripe sends ``customer.subscription.updated`` now and
    ``customer.subscription.deleted`` then). Nothing is refunded."""
    return call(
        "cancel subscription at period end",
        client().v1.subscriptions.update,
        subscription_id,
        {"cancel_at_period_end": True, "expand": ["items.data.price.product"]},
    )


# --- webhooks ------------------------------------------------------------------------------


def webhook_secret() -> str:
    """The signing secret deliveries must carry. The public demo secret counts
    only in demo payments mode, and never beside a real API key."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        raise InvalidSignature("No STRIPE_WEBHOOK_SECRET is configured.")
    if secret == settings.STRIPE_DEMO_WEBHOOK_SECRET and not (
        settings.STRIPE_DEMO_PAYMENTS
        and settings.STRIPE_SECRET_KEY in ("", settings.STRIPE_DEMO_SECRET_KEY)
    ):
        raise InvalidSignature("The public demo webhook secret is accepted only in demo mode.")
    return secret


def verify_event(payload: bytes, signature_header: str | None) -> Obj:
    """The event in a webhook delivery, after checking Stripe's signature on
    the raw body and the timestamp's age. Raises :class:`InvalidSignature`,
    also for a correctly signed body that is not an event object (the SDK's
    ``construct_event`` fails on a JSON array with an unrelated exception)."""
    if not signature_header:
        raise InvalidSignature("No Stripe-Signature header.")
    try:
        stripe.WebhookSignature.verify_header(
            payload, signature_header, webhook_secret(), settings.STRIPE_WEBHOOK_TOLERANCE
        )
        event = json.loads(payload)
    except stripe.SignatureVerificationError as error:
        raise InvalidSignature(str(error)) from error
    except ValueError as error:  # not UTF-8 or not JSON
        raise InvalidSignature("The body is not a JSON event.") from error
    if not (
        isinstance(event, dict)
        and str(event.get("id", "")).startswith("evt_")
        and isinstance(event.get("type"), str)
        and isinstance(event.get("data"), dict)
    ):
        raise InvalidSignature("The body is not a Stripe event.")
    return event


def deactivate_price(price_id: str) -> Obj:
    """Stop selling a price; subscriptions already on it continue."""
    return call("deactivate price", client().v1.prices.update, price_id, {"active": False})
