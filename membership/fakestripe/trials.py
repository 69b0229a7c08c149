"""Subscriptions created by API request (no Checkout) and trials: what a gift
membership uses. As in Stripe, a subscription created with ``trial_end``
starts ``trialing`` with a $0 first invoice and no payment method; setting
``trial_end`` on a running subscription moves its next charge (the current
period is replaced by the trial, and with ``proration_behavior=none`` nothing
is credited or charged), also when the same request gives its item a new
price (a switch to yearly: the year is first charged at the trial's end);
``cancel_at`` ends it at that moment."""

from membership.fakestripe.changes import change_items
from membership.fakestripe.scenarios import Scenarios, transactional
from membership.fakestripe.state import Obj, StripeError, as_int

MAX_TRIAL_DAYS = 730  # Stripe refuses a trial_end further away than this

CREATE_PARAMS = {
    "customer",
    "items",
    "trial_end",
    "trial_settings",
    "cancel_at",
    "metadata",
    "expand",
    "proration_behavior",
}
TRIAL_UPDATE_PARAMS = {"trial_end", "cancel_at", "proration_behavior", "expand"}


class Trials(Scenarios):
    def _timestamp(self, value: object, param: str) -> int:
        moment = as_int(value, param)
        now = self.store.now()
        if moment <= now:
            raise StripeError(
                f"Invalid timestamp: must be an integer Unix timestamp in the future ({param}).",
                param=param,
            )
        if param == "trial_end" and moment > now + MAX_TRIAL_DAYS * 86400:
            raise StripeError(
                "Invalid timestamp: can be no more than 730 days in the future.", param=param
            )
        return moment

    def _create_subscription(self, params: Obj) -> Obj:
        """``POST /v1/subscriptions``: one price, optionally a trial and an end."""
        unknown = set(params) - CREATE_PARAMS
        if unknown:
            raise StripeError(f"Received unknown parameter: {sorted(unknown)[0]}")
        if not params.get("customer"):
            raise StripeError("Missing required param: customer.", param="customer")
        self.store.get("customer", params["customer"])
        items = params.get("items")
        if not isinstance(items, list) or len(items) != 1 or "price" not in items[0]:
            raise StripeError("Missing required param: items[0][price].", param="items")
        price = self.store.get("price", items[0]["price"])
        if not price["recurring"]:
            raise StripeError(
                "The price specified is set to `type=one_time` but this field only "
                "accepts prices with `type=recurring`.",
                param="items[0][price]",
            )
        if "trial_end" not in params:
            raise StripeError(
                "This customer has no attached payment source or default payment method.",
                code="resource_missing",
            )
        trial_end = self._timestamp(params["trial_end"], "trial_end")
        cancel_at = (
            self._timestamp(params["cancel_at"], "cancel_at") if "cancel_at" in params else None
        )
        sub = self._new_subscription(
            params["customer"], self.store.snapshot(price), params.get("metadata") or {}
        )
        item = sub["items"]["data"][0]
        item["current_period_end"] = trial_end
        sub.update(
            status="trialing",
            trial_start=sub["start_date"],
            trial_end=trial_end,
            billing_cycle_anchor=trial_end,
            cancel_at=cancel_at,
            trial_settings=params.get("trial_settings"),
        )
        invoice = self._invoice(sub, paid=True, reason="subscription_create")
        invoice.update(amount_due=0, amount_paid=0)
        self.store.data["events"] += [
            self._event("customer.subscription.created", sub)["id"],
            self._event("invoice.paid", invoice)["id"],
        ]
        return self.expand(self.store.snapshot(sub), params)

    def _set_trial(self, sub: Obj, params: Obj) -> None:
        """``trial_end`` (and ``cancel_at``) on ``POST /v1/subscriptions/{id}``."""
        if sub["status"] in {"canceled", "incomplete_expired"}:
            raise StripeError(
                "A canceled subscription can only update its cancellation_details and metadata."
            )
        with self.store.at(sub):
            item = sub["items"]["data"][0]
            previous: Obj = {
                "status": sub["status"],
                "trial_end": sub.get("trial_end"),
                "cancel_at": sub["cancel_at"],
                "items": {"data": [self.store.snapshot(item)]},
            }
            if "items" in params:  # a new price, first charged when the trial ends
                change_items(self, sub, params, restart=False)
            if "trial_end" in params:
                trial_end = self._timestamp(params["trial_end"], "trial_end")
                now = self.store.now()
                item["current_period_start"] = now
                item["current_period_end"] = trial_end
                sub.update(
                    status="trialing",
                    trial_start=now,
                    trial_end=trial_end,
                    billing_cycle_anchor=trial_end,
                )
            if "cancel_at" in params:
                cancel_at = params["cancel_at"]
                sub["cancel_at"] = (
                    self._timestamp(cancel_at, "cancel_at") if cancel_at != "" else None
                )
                sub["cancel_at_period_end"] = False
            self.store.data["events"].append(
                self._event("customer.subscription.updated", sub, previous)["id"]
            )

    @transactional
    def trial_ends(self, sub_id: str) -> list[Obj]:
        """The trial's end arrives (on this subscription's own clock): a
        subscription set to cancel then ends; any other one is charged for its
        first paid period, from the trial's end."""
        sub = self.store.get("subscription", sub_id)
        if sub["status"] != "trialing":
            raise StripeError(f"Subscription {sub_id} is not trialing.")
        item = sub["items"]["data"][0]
        real_now = int(self.store.clock())
        sub["_clock"] = max(sub.get("_clock", 0), item["current_period_end"] - real_now)
        with self.store.at(sub):
            previous: Obj = {"status": sub["status"]}
            if sub["cancel_at"] and sub["cancel_at"] <= item["current_period_end"]:
                ended = sub["cancel_at"]
                sub.update(status="canceled", canceled_at=sub["canceled_at"] or ended)
                sub["ended_at"] = ended
                return [self._event("customer.subscription.deleted", sub)]
            return self._charge_next_period(sub, item, previous, sub["billing_cycle_anchor"])
