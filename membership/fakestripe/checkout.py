"""Creating Checkout Sessions, with the validation Stripe applies to them."""

from membership.fakestripe.catalog import MIN_CHARGE, Catalog
from membership.fakestripe.state import Obj, StripeError, as_int


class CheckoutSessions(Catalog):
    hosted_base: str

    def _create_session(self, params: Obj) -> Obj:
        mode = params.get("mode")
        if mode not in {"payment", "subscription", "setup"}:
            raise StripeError(
                "Invalid mode: must be payment, subscription or setup.", param="mode"
            )
        if not params.get("success_url"):
            raise StripeError("Missing required param: success_url.", param="success_url")
        items = params.get("line_items")
        if not isinstance(items, list) or not items:
            raise StripeError("Missing required param: line_items.", param="line_items")
        if params.get("customer"):
            self.store.get("customer", params["customer"])
            if params.get("customer_creation"):
                raise StripeError(
                    "You may only specify one of these parameters: customer, customer_creation.",
                    param="customer_creation",
                )
        if mode == "subscription" and params.get("customer_creation"):
            raise StripeError(
                "`customer_creation` can only be used in `payment` mode.",
                param="customer_creation",
            )
        currency = (params.get("currency") or "").lower() or None
        prices = []
        for index, item in enumerate(items):
            param = f"line_items[{index}]"
            if ("price" in item) == ("price_data" in item):
                raise StripeError(
                    "You must specify either `price` or `price_data` but not both.", param=param
                )
            if "quantity" not in item:
                raise StripeError("Missing required param: quantity.", param=f"{param}[quantity]")
            if "price" in item:
                price = self.store.get("price", item["price"])
                if not price["active"]:
                    raise StripeError(f"The price `{price['id']}` is not active.", param=param)
            else:
                price = self.store.put("price", self._price(item["price_data"], param))
            if mode == "payment" and price["recurring"]:
                raise StripeError(
                    "You specified `payment` mode but passed a recurring price. Either switch "
                    "to `subscription` mode or use only one-time prices.",
                    param=param,
                )
            if mode == "subscription" and not price["recurring"]:
                raise StripeError(
                    "You must provide at least one recurring price in `subscription` mode "
                    "when using prices.",
                    param=param,
                )
            currency = currency or price["currency"]
            if self.amount_in(price, currency) is None:
                raise StripeError(
                    f"The price `{price['id']}` does not support the currency `{currency}`; "
                    "add it to the price's currency_options or use a price in that currency.",
                    param=param,
                )
            prices.append((price, as_int(item["quantity"], f"{param}[quantity]")))
        total = sum(self.amount_in(p, currency) * q for p, q in prices)
        if total < MIN_CHARGE:
            raise StripeError(
                "The Checkout Session's total amount due must add up to at least $0.50 usd",
                code="amount_too_small",
            )
        session_id = self.store.new_id("cs_test")
        customer = self.store.data["objects"].get("customer", {}).get(params.get("customer"))
        return self.store.put(
            "checkout.session",
            {
                "id": session_id,
                "object": "checkout.session",
                "created": self.store.now(),
                "expires_at": self.store.now() + 24 * 3600,
                "mode": mode,
                "status": "open",
                "payment_status": "unpaid",
                "customer": params.get("customer"),
                "customer_creation": params.get("customer_creation"),
                "customer_email": params.get("customer_email"),
                "customer_details": {"email": customer["email"]} if customer else None,
                "client_reference_id": params.get("client_reference_id"),
                "metadata": params.get("metadata") or {},
                "amount_total": total,
                "currency": currency,
                "subscription": None,
                "payment_intent": None,
                "success_url": params["success_url"],
                "cancel_url": params.get("cancel_url"),
                "url": f"{self.hosted_base}/{session_id}/",
                "livemode": False,
                "_prices": [{"price": p["id"], "quantity": q} for p, q in prices],
                "_subscription_metadata": (params.get("subscription_data") or {}).get("metadata")
                or {},
                "_payment_intent_metadata": (params.get("payment_intent_data") or {}).get(
                    "metadata"
                )
                or {},
            },
        )
