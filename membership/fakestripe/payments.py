"""After-the-fact events: refunds, disputes, and objects that aren't ours."""

from membership.fakestripe.scenarios import Scenarios, transactional
from membership.fakestripe.state import Obj


class Payments(Scenarios):
    # --- one-time payments --------------------------------------------------------------

    @transactional
    def refund(self, payment_intent: str, amount: int | None = None) -> list[Obj]:
        intent = self.store.get("payment_intent", payment_intent)
        charge = self.store.get("charge", intent["latest_charge"])
        amount = charge["amount"] - charge["amount_refunded"] if amount is None else amount
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] >= charge["amount"]
        refund = self.store.put(
            "refund",
            {
                "id": self.store.new_id("re"),
                "object": "refund",
                "amount": amount,
                "charge": charge["id"],
                "payment_intent": payment_intent,
                "currency": charge["currency"],
                "status": "succeeded",
                "created": self.store.now(),
            },
        )
        return [self._event("refund.created", refund), self._event("charge.refunded", charge)]

    @transactional
    def dispute(self, payment_intent: str) -> list[Obj]:
        intent = self.store.get("payment_intent", payment_intent)
        charge = self.store.get("charge", intent["latest_charge"])
        charge["disputed"] = True
        dispute = self.store.put(
            "dispute",
            {
                "id": self.store.new_id("dp"),
                "object": "dispute",
                "amount": charge["amount"],
                "currency": charge["currency"],
                "charge": charge["id"],
                "payment_intent": payment_intent,
                "reason": "fraudulent",
                "status": "needs_response",
                "created": self.store.now(),
                "livemode": False,
            },
        )
        return [self._event("charge.dispute.created", dispute)]

    # --- someone else's objects on a shared account ---------------------------------------

    @transactional
    def delete_customer(self, customer_id: str) -> list[Obj]:
        customer = self.store.data["objects"]["customer"].pop(customer_id)
        return [self._event("customer.deleted", customer)]

    @transactional
    def foreign_subscription(self, customer: str | None = None) -> list[Obj]:
        """A subscription to another product sold from the same Stripe account;
        ``customer`` may be one of ours (they also buy something else)."""
        product = self.store.put(
            "product",
            {
                "id": self.store.new_id("prod"),
                "object": "product",
                "name": "Someone else's product",
                "active": True,
                "metadata": {},
                "created": self.store.now(),
                "livemode": False,
            },
        )
        price = self.store.put(
            "price",
            {
                "id": self.store.new_id("price"),
                "object": "price",
                "active": True,
                "currency": "usd",
                "unit_amount": 4200,
                "product": product["id"],
                "recurring": {"interval": "month", "interval_count": 1},
                "type": "recurring",
                "lookup_key": None,
                "metadata": {},
                "created": self.store.now(),
                "livemode": False,
            },
        )
        if customer is None:
            customer = self.store.put(
                "customer",
                {
                    "id": self.store.new_id("cus"),
                    "object": "customer",
                    "email": "stranger@example.com",
                    "name": None,
                    "metadata": {},
                    "created": self.store.now(),
                    "livemode": False,
                },
            )["id"]
        sub = self._new_subscription(customer, self.store.snapshot(price), {})
        return [self._event("customer.subscription.created", sub)]
