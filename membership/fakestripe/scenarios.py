"""What happens at Stripe after a customer acts, and the events it sends.

Each helper changes the fake's state the way Stripe would and returns the
events (plain dicts in the pinned API's shape) in the order Stripe creates
them. Delivering them is the caller's job: tests sign and post them, the demo
pages post them to our own webhook URL.
"""

import functools
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from membership.fakestripe.catalog import options_of
from membership.fakestripe.clock import add_periods, next_period_end
from membership.fakestripe.signing import sign_payload
from membership.fakestripe.state import Obj, StripeError

if TYPE_CHECKING:
    from membership.fakestripe.state import Store

F = TypeVar("F", bound=Callable[..., Any])


def transactional(method: F) -> F:
    @functools.wraps(method)
    def wrapper(self: "Scenarios", *args: Any, **kwargs: Any) -> Any:
        with self.store.transaction():
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


class Scenarios:
    store: "Store"
    api_version: str

    # --- events -------------------------------------------------------------------

    def _event(self, type: str, obj: Obj, previous: Obj | None = None) -> Obj:
        data: Obj = {"object": self.store.snapshot(obj)}
        if previous is not None:
            data["previous_attributes"] = previous
        event = {
            "id": self.store.new_id("evt"),
            "object": "event",
            "api_version": self.api_version,
            "created": self.store.now(),
            "data": data,
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": type,
        }
        self.store.put("event", event)
        return event

    @staticmethod
    def payload(event: Obj) -> str:
        return json.dumps(event)

    @staticmethod
    def sign(payload: str, secret: str, timestamp: int | None = None) -> str:
        return sign_payload(payload, secret, timestamp)

    @transactional
    def get(self, kind: str, object_id: str) -> Obj:
        """A copy of a stored object, for assertions and demo pages."""
        return self.store.snapshot(self.store.get(kind, object_id))

    @transactional
    def session_interval(self, session_id: str) -> str | None:
        """``month``/``year`` for a subscription Checkout Session, else None."""
        session = self.store.get("checkout.session", session_id)
        price = self.store.get("price", session["_prices"][0]["price"])
        return (price["recurring"] or {}).get("interval")

    @transactional
    def objects(self, kind: str) -> list[Obj]:
        return [self.store.snapshot(o) for o in self.store.find(kind)]

    # --- payments -------------------------------------------------------------------

    def _charge(self, customer: str | None, amount: int, currency: str, metadata: Obj) -> Obj:
        intent_id, charge_id = self.store.new_id("pi"), self.store.new_id("ch")
        self.store.put(
            "payment_intent",
            {
                "id": intent_id,
                "object": "payment_intent",
                "amount": amount,
                "currency": currency,
                "customer": customer,
                "status": "succeeded",
                "latest_charge": charge_id,
                "metadata": metadata,
                "created": self.store.now(),
                "livemode": False,
            },
        )
        return self.store.put(
            "charge",
            {
                "id": charge_id,
                "object": "charge",
                "amount": amount,
                "amount_refunded": 0,
                "refunded": False,
                "disputed": False,
                "currency": currency,
                "customer": customer,
                "payment_intent": intent_id,
                "status": "succeeded",
                "paid": True,
                "metadata": metadata,
                "created": self.store.now(),
                "livemode": False,
            },
        )

    def _unit_amount(self, sub: Obj) -> int:
        """What one period costs: the item's price in the subscription's currency."""
        price = self.store.get("price", sub["items"]["data"][0]["price"]["id"])
        return options_of(price)[sub["currency"]] * (sub["items"]["data"][0]["quantity"] or 1)

    def _invoice(self, sub: Obj, *, paid: bool, reason: str) -> Obj:
        item = sub["items"]["data"][0]
        amount = self._unit_amount(sub)
        invoice = {
            "id": self.store.new_id("in"),
            "object": "invoice",
            "customer": sub["customer"],
            "status": "paid" if paid else "open",
            "billing_reason": reason,
            "amount_due": amount,
            "amount_paid": amount if paid else 0,
            "currency": sub["currency"],
            "attempt_count": 1,
            "attempted": True,
            "hosted_invoice_url": f"https://invoice.stripe.test/{sub['id']}",
            "period_start": item["current_period_start"],
            "period_end": item["current_period_end"],
            "parent": {
                "type": "subscription_details",
                "quote_details": None,
                "subscription_details": {
                    "subscription": sub["id"],
                    "metadata": dict(sub["metadata"]),
                },
            },
            "created": self.store.now(),
            "livemode": False,
        }
        sub["latest_invoice"] = invoice["id"]
        return self.store.put("invoice", invoice)

    def _charge_next_period(self, sub: Obj, item: Obj, previous: Obj, anchor: int) -> list[Obj]:
        """A renewal (or a trial's end) that is paid: the item's period moves
        on along ``anchor``'s cycle, the subscription is active again, and the
        card is charged for a paid invoice."""
        previous["items"] = {"data": [self.store.snapshot(item)]}
        interval = item["price"]["recurring"]["interval"]
        item["current_period_start"] = item["current_period_end"]
        item["current_period_end"] = next_period_end(anchor, interval, item["current_period_end"])
        sub["status"] = "active"
        invoice = self._invoice(sub, paid=True, reason="subscription_cycle")
        self._charge(sub["customer"], invoice["amount_paid"], invoice["currency"], {})
        return [
            self._event("invoice.paid", invoice),
            self._event("customer.subscription.updated", sub, previous),
        ]

    @transactional
    def complete_checkout(self, session_id: str, email: str | None = None) -> list[Obj]:
        """The customer pays on the hosted page; a guest gives ``email`` there."""
        session = self.store.get("checkout.session", session_id)
        if session["status"] != "open":
            raise StripeError("This Checkout Session is no longer open.")
        customer = session["customer"]
        if not customer and session["mode"] == "payment":
            email = email or session["customer_email"] or "giver@example.com"
            customer = self.store.put(
                "customer",
                {
                    "id": self.store.new_id("cus"),
                    "object": "customer",
                    "created": self.store.now(),
                    "email": email,
                    "name": None,
                    "metadata": {},
                    "livemode": False,
                },
            )["id"]
        email = self.store.get("customer", customer)["email"]
        session.update(
            status="complete",
            payment_status="paid",
            customer=customer,
            customer_details={"email": email},
        )
        events = []
        if session["mode"] == "subscription":
            line = session["_prices"][0]
            price = self.store.snapshot(self.store.get("price", line["price"]))
            sub = self._new_subscription(
                customer, price, session["_subscription_metadata"], session["currency"]
            )
            session["subscription"] = sub["id"]
            invoice = self._invoice(sub, paid=True, reason="subscription_create")
            self._charge(customer, invoice["amount_paid"], invoice["currency"], {})
            events += [
                self._event("customer.subscription.created", sub),
                self._event("checkout.session.completed", session),
                self._event("invoice.paid", invoice),
            ]
        else:
            charge = self._charge(
                customer,
                session["amount_total"],
                session["currency"],
                session["_payment_intent_metadata"],
            )
            session["payment_intent"] = charge["payment_intent"]
            events += [
                self._event("charge.succeeded", charge),
                self._event("checkout.session.completed", session),
            ]
        return events

    def _new_subscription(
        self, customer: str, price: Obj, metadata: Obj, currency: str | None = None
    ) -> Obj:
        now = self.store.now()
        return self.store.put(
            "subscription",
            {
                "id": self.store.new_id("sub"),
                "object": "subscription",
                "customer": customer,
                "status": "active",
                "metadata": dict(metadata),
                "currency": currency or price["currency"],
                "cancel_at_period_end": False,
                "pause_collection": None,
                "cancel_at": None,
                "canceled_at": None,
                "ended_at": None,
                "trial_start": None,
                "trial_end": None,
                "start_date": now,
                "billing_cycle_anchor": now,
                "created": now,
                "_clock": 0,
                "latest_invoice": None,
                "livemode": False,
                "items": {
                    "object": "list",
                    "has_more": False,
                    "data": [
                        {
                            "id": self.store.new_id("si"),
                            "object": "subscription_item",
                            "price": price,
                            "quantity": 1,
                            "current_period_start": now,
                            "current_period_end": add_periods(
                                now, price["recurring"]["interval"], 1
                            ),
                        }
                    ],
                },
            },
        )

    @transactional
    def take_events(self) -> list[Obj]:
        """Events caused by our own API requests (not by a customer on a
        hosted page), oldest first; each is returned once, for delivery."""
        ids, self.store.data["events"] = self.store.data["events"], []
        return [self.store.snapshot(self.store.get("event", event_id)) for event_id in ids]
