"""Demo tiers for a local site (`make run`), synced to the fake Stripe when
demo payments are on. Never overwrites tiers someone has edited."""

from decimal import Decimal

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from membership.demo import DEMO_LOCAL_PRICES, DEMO_RATES, DEMO_TIERS
from membership.models import Currency, Tier, TierPrice


class Command(BaseCommand):
    help = "Create demo membership tiers and, in demo payments mode, sync them."

    def handle(self, *args, **options) -> None:
        if not Tier.objects.exists():
            for fields in DEMO_TIERS:
                Tier.objects.create(**fields)
            self.stdout.write(f"Created {len(DEMO_TIERS)} demo membership tiers.")
        self.local_prices()
        if settings.STRIPE_DEMO_PAYMENTS:
            call_command("stripe_sync_tiers", stdout=self.stdout)
            self.stdout.write("Demo payments are on: no money moves.")
        else:
            self.stdout.write("Stripe keys are set: run stripe_sync_tiers yourself.")

    def local_prices(self) -> None:
        """The demo tiers' prices and example rates in each enabled demo
        currency, where none is set yet."""
        for slug, prices in DEMO_LOCAL_PRICES.items():
            tier = Tier.objects.filter(slug=slug).first()
            for code, (monthly, yearly) in prices.items():
                if tier and code in settings.MEMBERSHIP_CURRENCIES:
                    TierPrice.objects.get_or_create(
                        tier=tier,
                        currency=code,
                        defaults={"monthly_amount": monthly, "yearly_amount": yearly},
                    )
        for code, rate in DEMO_RATES.items():
            if code in settings.MEMBERSHIP_CURRENCIES:
                Currency.objects.get_or_create(
                    code=code,
                    defaults={
                        "min_monthly_amount": settings.MEMBERSHIP_MIN_AMOUNT["month"],
                        "min_yearly_amount": settings.MEMBERSHIP_MIN_AMOUNT["year"],
                        "min_gift_amount": settings.MEMBERSHIP_MIN_GIFT_AMOUNT,
                        "rate": Decimal(rate),
                        "rate_date": timezone.now().date(),
                    },
                )
