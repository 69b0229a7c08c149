"""The fake's HTTP surface: one ``handle()`` that answers like api.stripe.com."""

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from membership.fakestripe.changes import apply_update
from membership.fakestripe.checkout import CheckoutSessions
from membership.fakestripe.payments import Payments
from membership.fakestripe.state import Obj, Store, StripeError, decode_form
from membership.fakestripe.subscriptions import Subscriptions
from membership.fakestripe.trials import TRIAL_UPDATE_PARAMS, Trials

API_VERSION = "2026-10-28.endive"


class FakeStripe(CheckoutSessions, Subscriptions, Trials, Payments):
    """A stateful fake of the Stripe API subset Newsroom uses.

    ``hosted_base`` is where the "hosted" Checkout and portal pages live: a
    made-up host in tests, our own demo pages in demo mode.
    """

    def __init__(
        self,
        *,
        path: Path | str | None = None,
        api_key_prefix: str = "sk_test_",
        hosted_base: str = "https://checkout.stripe.test",
        api_version: str = API_VERSION,
    ) -> None:
        self.store = Store(path)
        self.api_key_prefix = api_key_prefix
        self.hosted_base = hosted_base.rstrip("/")
        self.api_version = api_version
        self.requests: list[dict[str, Any]] = []
        self._failures: list[int] = []
        self._routes: list[tuple[str, re.Pattern[str], Callable[..., Obj]]] = [
            (m, re.compile(f"^{p}$"), f)
            for m, p, f in [
                ("POST", r"/v1/customers", self._create_customer),
                ("GET", r"/v1/customers/(?P<id>[\w-]+)", self._get("customer")),
                ("POST", r"/v1/products", self._create_product),
                ("GET", r"/v1/products/(?P<id>[\w-]+)", self._get("product")),
                ("POST", r"/v1/products/(?P<id>[\w-]+)", self._update_product),
                ("POST", r"/v1/prices", self._create_price),
                ("GET", r"/v1/prices", self._list_prices),
                ("POST", r"/v1/prices/(?P<id>[\w-]+)", self._update_price),
                ("POST", r"/v1/checkout/sessions", self._create_session),
                ("GET", r"/v1/checkout/sessions/(?P<id>[\w-]+)", self._get("checkout.session")),
                ("GET", r"/v1/subscriptions", self._list_subscriptions),
                ("POST", r"/v1/subscriptions", self._create_subscription),
                ("GET", r"/v1/subscriptions/(?P<id>[\w-]+)", self._get("subscription")),
                ("POST", r"/v1/subscriptions/(?P<id>[\w-]+)", self._update_subscription),
                ("GET", r"/v1/invoices", self._list_invoices),
                ("GET", r"/v1/invoices/(?P<id>[\w-]+)", self._get("invoice")),
                ("GET", r"/v1/charges/(?P<id>[\w-]+)", self._get("charge")),
                ("GET", r"/v1/payment_intents/(?P<id>[\w-]+)", self._get("payment_intent")),
                ("GET", r"/v1/events/(?P<id>[\w-]+)", self._get("event")),
                ("POST", r"/v1/billing_portal/sessions", self._create_portal_session),
            ]
        ]

    # --- transport ----------------------------------------------------------------

    def fail_next(self, count: int = 1, status: int = 500) -> None:
        """Simulate an outage: the next ``count`` requests answer ``status``."""
        self._failures.extend([status] * count)

    def handle(
        self, method: str, url: str, headers: dict[str, str], body: str | None
    ) -> tuple[str, int, dict[str, str]]:
        """Answer one HTTP request: ``(json body, status, headers)``."""
        parts = urlsplit(url)
        params = decode_form((body if method == "POST" else parts.query) or "")
        headers = {k.lower(): v for k, v in headers.items()}
        self.requests.append(
            {"method": method, "path": parts.path, "params": params, "headers": headers}
        )
        reply_headers = {"Content-Type": "application/json", "Request-Id": "req_fake"}
        if self._failures:
            status = self._failures.pop(0)
            error = StripeError("Simulated outage.", status=status, type="api_error")
            return json.dumps(error.body), status, reply_headers
        with self.store.transaction():
            status, payload = self._dispatch(method, parts.path, params, headers)
        return json.dumps(payload), status, reply_headers

    def _dispatch(self, method: str, path: str, params: Obj, headers: dict[str, str]):
        auth = headers.get("authorization", "")
        if not auth.startswith(f"Bearer {self.api_key_prefix}"):
            return 401, StripeError(
                "Invalid API Key provided.", status=401, type="invalid_request_error"
            ).body
        key = headers.get("idempotency-key") if method == "POST" else None
        fingerprint = hashlib.sha256(
            json.dumps([path, params], sort_keys=True).encode()
        ).hexdigest()
        if key and key in self.store.data["idempotency"]:
            saved = self.store.data["idempotency"][key]
            if saved["fingerprint"] != fingerprint:
                return 400, StripeError(
                    "Keys for idempotent requests can only be used with the same "
                    "parameters they were first used with.",
                    type="idempotency_error",
                ).body
            return saved["status"], saved["payload"]
        for route_method, pattern, view in self._routes:
            match = pattern.match(path)
            if match and route_method == method:
                try:
                    status, payload = 200, view(params, **match.groupdict())
                except StripeError as error:
                    status, payload = error.status, error.body
                break
        else:
            status, payload = (
                404,
                StripeError(f"Unrecognized request URL ({method}: {path}).").body,
            )
        if key:
            self.store.data["idempotency"][key] = {
                "fingerprint": fingerprint,
                "status": status,
                "payload": payload,
            }
        return status, payload

    # --- resources ----------------------------------------------------------------

    def _get(self, kind: str) -> Callable[..., Obj]:
        def view(params: Obj, id: str) -> Obj:
            return self.expand(self.store.snapshot(self.store.get(kind, id)), params)

        return view

    def expand(self, obj: Obj, params: Obj) -> Obj:
        """Honour the ``expand[]`` paths we use (``items.data.price.product``,
        ``items.data.price.currency_options``)."""
        for path in params.get("expand") or []:
            if path == "items.data.price.currency_options" and "items" in obj:
                for item in obj["items"]["data"]:
                    self.with_currency_options(item["price"])
            if path.startswith("items.data.price.product") and "items" in obj:
                for item in obj["items"]["data"]:
                    product_id = item["price"]["product"]
                    item["price"]["product"] = self.store.snapshot(
                        self.store.get("product", product_id)
                    )
        return obj

    def _create_customer(self, params: Obj) -> Obj:
        return self.store.put(
            "customer",
            {
                "id": self.store.new_id("cus"),
                "object": "customer",
                "created": self.store.now(),
                "email": params.get("email"),
                "name": params.get("name"),
                "metadata": params.get("metadata") or {},
                "livemode": False,
            },
        )

    def _list_subscriptions(self, params: Obj) -> Obj:
        subs = self.store.find("subscription")
        if params.get("customer"):
            subs = [s for s in subs if s["customer"] == params["customer"]]
        status = params.get("status")
        if status is None:  # Stripe's default hides canceled subscriptions
            subs = [s for s in subs if s["status"] != "canceled"]
        elif status != "all":
            subs = [s for s in subs if s["status"] == status]
        return {
            "object": "list",
            "url": "/v1/subscriptions",
            "has_more": False,
            "data": [self.store.snapshot(s) for s in subs],
        }

    def _update_subscription(self, params: Obj, id: str) -> Obj:
        """``POST /v1/subscriptions/{id}``: ``cancel_at_period_end``,
        ``pause_collection`` (``""`` resumes), ``items`` (a new price for
        the one item), or ``trial_end``/``cancel_at`` (:meth:`_set_trial`).
        Like Stripe, a change queues ``customer.subscription.updated`` (see
        :meth:`take_events`); a canceled subscription can't be changed."""
        sub = self.store.get("subscription", id)
        allowed = {"cancel_at_period_end", "pause_collection", "items", "proration_behavior"}
        unknown = set(params) - allowed - TRIAL_UPDATE_PARAMS - {"expand"}
        if unknown:
            raise StripeError(f"Received unknown parameter: {sorted(unknown)[0]}")
        if set(params) & allowed and sub["status"] in {"canceled", "incomplete_expired"}:
            raise StripeError(
                "A canceled subscription can only update its cancellation_details and metadata.",
            )
        if {"trial_end", "cancel_at"} & set(params):
            self._set_trial(sub, params)
            return self.expand(self.store.snapshot(sub), params)
        with self.store.at(sub):
            previous = apply_update(self, sub, params)
            if previous:
                event = self._event("customer.subscription.updated", sub, previous)
                self.store.data["events"].append(event["id"])
        return self.expand(self.store.snapshot(sub), params)

    def _create_portal_session(self, params: Obj) -> Obj:
        if not params.get("customer"):
            raise StripeError("Missing required param: customer.", param="customer")
        self.store.get("customer", params["customer"])
        flow = params.get("flow_data")
        if flow is not None:
            self._check_flow(flow, params["customer"])
        session_id = self.store.new_id("bps")
        return self.store.put(
            "billing_portal.session",
            {
                "id": session_id,
                "object": "billing_portal.session",
                "created": self.store.now(),
                "customer": params["customer"],
                "return_url": params.get("return_url"),
                "flow": flow,
                "url": f"{self.hosted_base}/portal/{session_id}/",
                "livemode": False,
            },
        )

    def _check_flow(self, flow: Obj, customer: str) -> None:
        """``flow_data[type]=subscription_cancel`` deep-links to cancelling
        one of the customer's active subscriptions."""
        if flow.get("type") != "subscription_cancel":
            raise StripeError("The fake supports only the subscription_cancel flow.")
        sub_id = (flow.get("subscription_cancel") or {}).get("subscription")
        if not sub_id:
            raise StripeError(
                "Missing required param: flow_data[subscription_cancel][subscription].",
                param="flow_data[subscription_cancel][subscription]",
            )
        sub = self.store.get("subscription", sub_id)
        if sub["customer"] != customer or sub["status"] == "canceled":
            raise StripeError(
                "The subscription must belong to the customer and not be canceled.",
                param="flow_data[subscription_cancel][subscription]",
            )

    def _list_invoices(self, params: Obj) -> Obj:
        """``GET /v1/invoices``: by ``customer``, ``status``, ``created[gte]``
        and ``created[lt]``, newest first, one page (``has_more`` false)."""
        invoices = self.store.find("invoice")
        if params.get("customer"):
            invoices = [i for i in invoices if i["customer"] == params["customer"]]
        if params.get("status"):
            invoices = [i for i in invoices if i["status"] == params["status"]]
        created = params.get("created") or {}
        if "gte" in created:
            invoices = [i for i in invoices if i["created"] >= int(created["gte"])]
        if "lt" in created:
            invoices = [i for i in invoices if i["created"] < int(created["lt"])]
        invoices.sort(key=lambda i: i["created"], reverse=True)
        return {
            "object": "list",
            "url": "/v1/invoices",
            "has_more": False,
            "data": [self.store.snapshot(i) for i in invoices],
        }
