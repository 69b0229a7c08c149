"""Products and prices in the fake Stripe API."""

from typing import TYPE_CHECKING

from membership.fakestripe.state import Obj, StripeError, as_bool, as_int

if TYPE_CHECKING:
    from membership.fakestripe.state import Store

MAX_UNIT_AMOUNT = 99_999_999
MIN_CHARGE = 50  # Stripe's minimum charge for USD/EUR/GBP-like currencies, in minor units


def options_of(stored_price: Obj) -> dict[str, int]:
    """A stored price's amount per currency (older stored prices have one)."""
    return stored_price.get("_currency_options") or {
        stored_price["currency"]: stored_price["unit_amount"]
    }


class Catalog:
    store: "Store"

    def _create_product(self, params: Obj) -> Obj:
        if not params.get("name"):
            raise StripeError("Missing required param: name.", param="name")
        return self.store.put(
            "product",
            {
                "id": params.get("id") or self.store.new_id("prod"),
                "object": "product",
                "created": self.store.now(),
                "name": params["name"],
                "description": params.get("description") or None,
                "active": as_bool(params.get("active", "true")),
                "metadata": params.get("metadata") or {},
                "livemode": False,
            },
        )

    def _update_product(self, params: Obj, id: str) -> Obj:
        product = self.store.get("product", id)
        for field in ("name", "description"):
            if field in params:
                product[field] = params[field] or None
        if "active" in params:
            product["active"] = as_bool(params["active"])
        product["metadata"].update(params.get("metadata") or {})
        return product

    def _price(self, data: Obj, param: str, *, product: str | None = None) -> Obj:
        """A price from ``prices.create`` params or a Checkout ``price_data``."""
        if not data.get("currency"):
            raise StripeError("Missing required param: currency.", param=f"{param}[currency]")
        if "unit_amount" not in data:
            raise StripeError(
                "Missing required param: unit_amount.", param=f"{param}[unit_amount]"
            )
        amount = as_int(data["unit_amount"], f"{param}[unit_amount]")
        if not 0 <= amount <= MAX_UNIT_AMOUNT:
            raise StripeError(
                f"Invalid unit_amount: must be between 0 and {MAX_UNIT_AMOUNT}.",
                param=f"{param}[unit_amount]",
            )
        product_id = product or data.get("product")
        if product_id:
            self.store.get("product", product_id)
        elif data.get("product_data"):
            product_id = self._create_product(data["product_data"])["id"]
        else:
            raise StripeError("Missing required param: product.", param=f"{param}[product]")
        recurring = data.get("recurring")
        if recurring is not None:
            if recurring.get("interval") not in {"day", "week", "month", "year"}:
                raise StripeError(
                    "Invalid recurring interval.", param=f"{param}[recurring][interval]"
                )
            recurring = {"interval": recurring["interval"], "interval_count": 1}
        currency = data["currency"].lower()
        return {
            "id": self.store.new_id("price"),
            "object": "price",
            "created": self.store.now(),
            "active": True,
            "currency": currency,
            "unit_amount": amount,
            "product": product_id,
            "recurring": recurring,
            "type": "recurring" if recurring else "one_time",
            "lookup_key": data.get("lookup_key"),
            "metadata": data.get("metadata") or {},
            "livemode": False,
            "_currency_options": self._currency_options(data, param, currency, amount),
        }

    @staticmethod
    def _currency_options(data: Obj, param: str, currency: str, amount: int) -> Obj:
        """``currency_options[eur][unit_amount]=500``: the same price in more
        currencies (Stripe's multi-currency prices); the default is included."""
        options = {currency: amount}
        for code, option in (data.get("currency_options") or {}).items():
            field = f"{param}[currency_options][{code}][unit_amount]"
            if not isinstance(option, dict) or "unit_amount" not in option:
                raise StripeError("Missing required param: unit_amount.", param=field)
            value = as_int(option["unit_amount"], field)
            if not 0 <= value <= MAX_UNIT_AMOUNT:
                raise StripeError(
                    f"Invalid unit_amount: must be between 0 and {MAX_UNIT_AMOUNT}.", param=field
                )
            if code.lower() == currency and value != amount:
                raise StripeError(
                    "currency_options may not give the default currency another unit_amount.",
                    param=field,
                )
            options[code.lower()] = value
        return options

    def amount_in(self, price: Obj, currency: str) -> int | None:
        """A price's unit amount in ``currency`` (None: not offered in it)."""
        return options_of(self.store.get("price", price["id"])).get(currency)

    def with_currency_options(self, price: Obj) -> Obj:
        """``expand[]=…currency_options``: Stripe's shape for each option."""
        stored = self.store.get("price", price["id"])
        price["currency_options"] = {
            code: {
                "custom_unit_amount": None,
                "tax_behavior": "unspecified",
                "unit_amount": value,
                "unit_amount_decimal": str(value),
            }
            for code, value in options_of(stored).items()
        }
        return price

    def _create_price(self, params: Obj) -> Obj:
        price = self._price(params, "price")
        key = price["lookup_key"]
        if key:
            holders = [p for p in self.store.find("price") if p["lookup_key"] == key]
            if holders and not as_bool(params.get("transfer_lookup_key")):
                raise StripeError(
                    f"A price (`{holders[0]['id']}`) already uses that lookup key.",
                    param="lookup_key",
                )
            for holder in holders:
                holder["lookup_key"] = None
        return self.store.put("price", price)

    def _update_price(self, params: Obj, id: str) -> Obj:
        price = self.store.get("price", id)
        if "active" in params:
            price["active"] = as_bool(params["active"])
        return price

    def _list_prices(self, params: Obj) -> Obj:
        prices = self.store.find("price")
        if "lookup_keys" in params:
            prices = [p for p in prices if p["lookup_key"] in params["lookup_keys"]]
        if "active" in params:
            prices = [p for p in prices if p["active"] == as_bool(params["active"])]
        data = [self.store.snapshot(p) for p in prices]
        if "data.currency_options" in (params.get("expand") or []):
            data = [self.with_currency_options(p) for p in data]
        return {"object": "list", "url": "/v1/prices", "has_more": False, "data": data}
