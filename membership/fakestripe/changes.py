"""``POST /v1/subscriptions/{id}`` in the fake: what each parameter we send
changes, as Stripe documents it, and the ``previous_attributes`` of the
``customer.subscription.updated`` event that follows.

* ``cancel_at_period_end``: stop (or resume) renewing.
* ``pause_collection[behavior]`` and ``[resumes_at]``: stop collecting
  payments until a date; the subscription stays ``active`` and invoices made
  meanwhile are voided (``void``). ``pause_collection=""`` resumes now.
* ``items[0][id]`` with ``[price]`` or ``[price_data]``: the one item gets a
  new price (the next invoice charges it; ``proration_behavior=none`` means no
  proration, the only behaviour the fake implements). A price with another
  interval (monthly to yearly) restarts the billing cycle now and invoices
  the new price at once, as Stripe does, unless the same request sets
  ``trial_end`` (``membership.fakestripe.trials``), which moves that first
  charge to the trial's end.
"""

from typing import Any

from membership.fakestripe.clock import add_periods
from membership.fakestripe.state import Obj, StripeError, as_bool, as_int

FakeStripe = Any  # the fake (membership.fakestripe.api), which calls in here

PAUSE_BEHAVIORS = {"void", "keep_as_draft", "mark_uncollectible"}


def apply_update(fake: FakeStripe, sub: Obj, params: Obj) -> Obj:
    """Change ``sub``; returns the previous values of what changed."""
    previous: Obj = {}
    if "cancel_at_period_end" in params:
        wanted = as_bool(params["cancel_at_period_end"])
        if wanted != sub["cancel_at_period_end"]:
            previous.update(fake._set_cancel_at_period_end(sub, wanted))
    if "pause_collection" in params:
        wanted = _pause(fake, params["pause_collection"])
        if wanted != sub.get("pause_collection"):
            previous["pause_collection"] = sub.get("pause_collection")
            sub["pause_collection"] = wanted
    if "items" in params:
        previous.update(change_items(fake, sub, params, restart=True))
    return previous


def change_items(fake: FakeStripe, sub: Obj, params: Obj, *, restart: bool) -> Obj:
    """The one item's new price; with ``restart``, a new interval restarts
    the billing cycle and is invoiced now (without it, a trial set in the
    same request decides when it is first charged)."""
    if params.get("proration_behavior", "create_prorations") != "none":
        raise StripeError("The fake only implements proration_behavior=none.")
    item = sub["items"]["data"][0]
    interval = item["price"]["recurring"]["interval"]
    previous = _new_price(fake, sub, params["items"])
    new_interval = item["price"]["recurring"]["interval"]
    if restart and new_interval != interval:
        now = fake.store.now()
        item["current_period_start"] = now
        item["current_period_end"] = add_periods(now, new_interval, 1)
        sub["billing_cycle_anchor"] = now
        invoice = fake._invoice(sub, paid=True, reason="subscription_update")
        fake._charge(sub["customer"], invoice["amount_paid"], invoice["currency"], {})
        fake.store.data["events"].append(fake._event("invoice.paid", invoice)["id"])
    return previous


def _pause(fake: FakeStripe, value: Obj | str) -> Obj | None:
    if value == "":
        return None
    if not isinstance(value, dict) or value.get("behavior") not in PAUSE_BEHAVIORS:
        raise StripeError(
            "Invalid pause_collection[behavior]: must be one of keep_as_draft, "
            "mark_uncollectible, or void.",
            param="pause_collection[behavior]",
        )
    resumes_at = None
    if value.get("resumes_at"):
        resumes_at = as_int(value["resumes_at"], "pause_collection[resumes_at]")
        if resumes_at <= fake.store.now():
            raise StripeError(
                "pause_collection[resumes_at] must be in the future.",
                param="pause_collection[resumes_at]",
            )
    return {"behavior": value["behavior"], "resumes_at": resumes_at}


def _new_price(fake: FakeStripe, sub: Obj, items: list) -> Obj:
    item = sub["items"]["data"][0]
    if not isinstance(items, list) or len(items) != 1 or items[0].get("id") != item["id"]:
        raise StripeError("items[0][id] must name the subscription's item.", param="items")
    change = items[0]
    if ("price" in change) == ("price_data" in change):
        raise StripeError(
            "You must specify either `price` or `price_data` but not both.", param="items[0]"
        )
    if "price" in change:
        price = fake.store.get("price", change["price"])
    else:
        price = fake.store.put("price", fake._price(change["price_data"], "items[0][price_data]"))
    if not price["recurring"]:
        raise StripeError("The price must be recurring.", param="items[0]")
    if fake.amount_in(price, sub["currency"]) is None:
        raise StripeError(
            f"The price `{price['id']}` does not support the currency `{sub['currency']}`.",
            param="items[0]",
        )
    previous = {"items": {"data": [fake.store.snapshot(item)]}}
    item["price"] = fake.store.snapshot(price)
    return previous
