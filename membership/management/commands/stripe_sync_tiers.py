"""Create or update each tier's Stripe product and prices. Safe to run twice:
products have deterministic ids, prices are found by lookup key and only
replaced (the lookup key moves to the new price) when the amount changed."""

from django.core.management.base import BaseCommand, CommandError

from membership import stripe_gateway as gateway
from membership.models import Tier


class Command(BaseCommand):
    help = "Create/update the Stripe products and prices for the membership tiers."

    def handle(self, *args, **options) -> None:
        tiers = list(Tier.objects.all())
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
        for interval, key in keys.items():
            amount = tier.amount(interval)
            price = prices.get(key)
            if (
                price
                and price["unit_amount"] == amount
                and price["currency"] == tier.currency
                and price["product"] == product_id
            ):
                report.append(f"{interval}ly price unchanged")
                continue
            gateway.create_price(
                {
                    "product": product_id,
                    "currency": tier.currency,
                    "unit_amount": amount,
                    "recurring": {"interval": interval},
                    "lookup_key": key,
                    "transfer_lookup_key": True,
                    "metadata": {"newsroom_tier": tier.slug},
                },
                idempotency_key=f"tier-price-{key}-{amount}-{tier.currency}-"
                + (price["id"] if price else "new"),
            )
            if price:
                gateway.deactivate_price(price["id"])
            report.append(f"{interval}ly price {'replaced' if price else 'created'}")
        tier.mark_synced(product_id)
        return report
