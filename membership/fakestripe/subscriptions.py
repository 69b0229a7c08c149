"""Subscriptions after checkout: changed in the portal or the Dashboard,
renewed (paid or not) at the end of each period, cancelled. Each
subscription runs on its own simulated clock (``Store.at``): simulating its
renewal moves it to its period's end and leaves every other one in the present."""

from membership.fakestripe.clock import next_period_end
from membership.fakestripe.scenarios import Scenarios, transactional
from membership.fakestripe.state import Obj, StripeError


class Subscriptions(Scenarios):
    @transactional
    def update_subscription(
        self,
        sub_id: str,
        *,
        cancel_at_period_end: bool | None = None,
        price: str | None = None,
        status: str | None = None,
    ) -> list[Obj]:
        """A change in the Customer Portal or the Dashboard."""
        sub = self.store.get("subscription", sub_id)
        with self.store.at(sub):
            return self._update(sub, cancel_at_period_end, price, status)

    def _update(
        self, sub: Obj, cancel_at_period_end: bool | None, price: str | None, status: str | None
    ) -> list[Obj]:
        previous: Obj = {}
        item = sub["items"]["data"][0]
        if cancel_at_period_end is not None:
            previous.update(self._set_cancel_at_period_end(sub, cancel_at_period_end))
        if price is not None:
            previous["items"] = {"data": [self.store.snapshot(item)]}
            item["price"] = self.store.snapshot(self.store.get("price", price))
        if status is not None:
            previous["status"] = sub["status"]
            sub["status"] = status
        type_ = ""
        if status == "paused":
            type_ = "customer.subscription.paused"
        elif status and previous["status"] == "paused":
            type_ = "customer.subscription.resumed"
        events = [self._event("customer.subscription.updated", sub, previous)]
        if type_:
            events.append(self._event(type_, sub))
        return events

    def _set_cancel_at_period_end(self, sub: Obj, value: bool) -> Obj:
        """Change the flag; returns the previous attributes."""
        previous = {
            "cancel_at_period_end": sub["cancel_at_period_end"],
            "cancel_at": sub["cancel_at"],
        }
        sub["cancel_at_period_end"] = value
        sub["cancel_at"] = sub["items"]["data"][0]["current_period_end"] if value else None
        sub["canceled_at"] = self.store.now() if value else None
        return previous

    @transactional
    def renew(self, sub_id: str, *, paid: bool = True) -> list[Obj]:
        """The period ends and Stripe charges the card (or fails to): this
        subscription's clock moves to the end of its period."""
        sub = self.store.get("subscription", sub_id)
        item = sub["items"]["data"][0]
        real_now = int(self.store.clock())
        sub["_clock"] = max(sub.get("_clock", 0), item["current_period_end"] - real_now)
        with self.store.at(sub):
            return self._renew(sub, item, paid)

    def _renew(self, sub: Obj, item: Obj, paid: bool) -> list[Obj]:
        previous = {"status": sub["status"]}
        if sub.get("pause_collection"):  # collection paused: the invoice is voided
            return self._renew_paused(sub, item, previous)
        if paid:
            anchor = sub.get("billing_cycle_anchor") or sub["start_date"]
            return self._charge_next_period(sub, item, previous, anchor)
        sub["status"] = "past_due"
        invoice = self._invoice(sub, paid=False, reason="subscription_cycle")
        return [
            self._event("invoice.payment_failed", invoice),
            self._event("customer.subscription.updated", sub, previous),
        ]

    def _renew_paused(self, sub: Obj, item: Obj, previous: Obj) -> list[Obj]:
        anchor = sub.get("billing_cycle_anchor") or sub["start_date"]
        previous["items"] = {"data": [self.store.snapshot(item)]}
        item["current_period_start"] = item["current_period_end"]
        item["current_period_end"] = next_period_end(
            anchor, item["price"]["recurring"]["interval"], item["current_period_end"]
        )
        invoice = self._invoice(sub, paid=False, reason="subscription_cycle")
        invoice.update(status="void", attempted=False, attempt_count=0)
        return [
            self._event("invoice.voided", invoice),
            self._event("customer.subscription.updated", sub, previous),
        ]

    @transactional
    def reach_resume_date(self, sub_id: str) -> list[Obj]:
        """The paused subscription's ``resumes_at`` arrives: Stripe clears
        ``pause_collection`` and collects again from the next invoice."""
        sub = self.store.get("subscription", sub_id)
        pause = sub.get("pause_collection")
        if not pause or not pause.get("resumes_at"):
            raise StripeError("This subscription has no scheduled resumption.")
        real_now = int(self.store.clock())
        sub["_clock"] = max(sub.get("_clock", 0), pause["resumes_at"] - real_now)
        with self.store.at(sub):
            sub["pause_collection"] = None
            return [self._event("customer.subscription.updated", sub, {"pause_collection": pause})]

    @transactional
    def update_card(self, sub_id: str) -> list[Obj]:
        """The customer saves a new card in the portal. Stripe attaches it
        and, for a subscription whose renewal failed, pays the open invoice
        with it at once."""
        sub = self.store.get("subscription", sub_id)
        with self.store.at(sub):
            card = self.store.put(
                "payment_method",
                {
                    "id": self.store.new_id("pm"),
                    "object": "payment_method",
                    "type": "card",
                    "card": {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030},
                    "customer": sub["customer"],
                    "created": self.store.now(),
                    "livemode": False,
                },
            )
            events = [self._event("payment_method.attached", card)]
            invoice = self.store.data["objects"].get("invoice", {}).get(sub["latest_invoice"])
            if sub["status"] in {"past_due", "unpaid"} and invoice and invoice["status"] == "open":
                invoice.update(status="paid", amount_paid=invoice["amount_due"])
                invoice["attempt_count"] += 1
                self._charge(sub["customer"], invoice["amount_paid"], invoice["currency"], {})
                previous = {"status": sub["status"]}
                sub["status"] = "active"
                events += [
                    self._event("invoice.paid", invoice),
                    self._event("customer.subscription.updated", sub, previous),
                ]
            return events

    @transactional
    def cancel_now(self, sub_id: str) -> list[Obj]:
        """Cancelled immediately (Dashboard, or Smart Retries gave up)."""
        sub = self.store.get("subscription", sub_id)
        with self.store.at(sub):
            now = self.store.now()
            sub.update(status="canceled", canceled_at=sub["canceled_at"] or now, ended_at=now)
            return [self._event("customer.subscription.deleted", sub)]
