"""Create or update each tier's Stripe product and prices. Safe to run twice:
products have deterministic ids, prices are found by lookup key and only
replaced (the lookup key moves to the new price) when an amount changed.

One Price per tier and interval carries every enabled currency the tier has an
amount in (``currency_options``, Stripe's multi-currency prices: Checkout
charges the one the session names in ``currency``)."""

from django.core.management.base import BaseCommand, CommandError

from membership import stripe_gateway as gateway
from membership.models import Tier


def amounts_of(price: dict) -> dict[str, int]:
    """``{"usd": 500, "eur": 500, …}`` from a price listed with its currency options."""
    amounts = {price["currency"]: price["unit_amount"]}
    for code, option in (price.get("currency_options") or {}).items():
        amounts[code] = option["unit_amount"]
    return amounts


class Command(BaseCommand):
    help = "Create/update the Stripe products and prices for the membership tiers."

    def handle(self, *args, **options) -> None:
        tiers = list(Tier.objects.prefetch_related("prices"))
        if not tiers:
            self.stdout.write("No tiers to sync.")
            return
        try:
            for tier in tiers:
                self.stdout.write(f"{tier.slug}: " + ", ".join(self.sync(tier)))
        except gateway.PaymentsUnavailable as error:
            raise CommandError(f"Stripe refused or failed: {error}") from error

    def sync(self, tier: Tier) -> list[str]:
        report = []
        product_id = tier.stripe_product_id or f"newsroom_tier_{tier.slug}"
        wanted = {
            "name": tier.name,
            "description": tier.description or "",
            "active": tier.active,
        }
        try:
            product = gateway.retrieve_product(product_id)
        except gateway.NotFound:
            product = gateway.create_product(
                {"id": product_id, "metadata": {"newsroom_tier": tier.slug}, **wanted},
                idempotency_key=f"tier-product-{product_id}",
            )
            report.append("product created")
        else:
            current = {
                "name": product["name"],
                "description": product.get("description") or "",
                "active": product["active"],
            }
            if current != wanted:
                gateway.update_product(product_id, wanted)
                report.append("product updated")
            else:
                report.append("product unchanged")
        keys = {interval: tier.lookup_key(interval) for interval in ("month", "year")}
        prices = gateway.prices_by_lookup_key(list(keys.values()))
        by_currency = tier.amounts_by_currency()
        for interval, key in keys.items():
            wanted_amounts = {code: amounts[interval] for code, amounts in by_currency.items()}
            price = prices.get(key)
            if price and price["product"] == product_id and amounts_of(price) == wanted_amounts:
                report.append(f"{interval}ly price unchanged")
                continue
            amount = tier.amount(interval)
            options = {
                code: {"unit_amount": value}
                for code, value in wanted_amounts.items()
                if code != tier.currency
            }
            fingerprint = "-".join(f"{code}{value}" for code, value in wanted_amounts.items())
            gateway.create_price(
                {
                    "product": product_id,
                    "currency": tier.currency,
                    "unit_amount": amount,
                    **({"currency_options": options} if options else {}),
                    "recurring": {"interval": interval},
                    "lookup_key": key,
                    "transfer_lookup_key": True,
                    "metadata": {"newsroom_tier": tier.slug},
                },
                idempotency_key=f"tier-price-{key}-{fingerprint}-"
                + (price["id"] if price else "new"),
            )
            if price:
                gateway.deactivate_price(price["id"])
            report.append(f"{interval}ly price {'replaced' if price else 'created'}")
        tier.mark_synced(product_id)
        return report
