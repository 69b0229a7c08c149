"""Demo tiers for a local site (`make run`), synced to the fake Stripe when
demo payments are on. Never overwrites tiers someone has edited."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from membership.demo import DEMO_TIERS
from membership.models import Tier


class Command(BaseCommand):
    help = "Create demo membership tiers and, in demo payments mode, sync them."

    def handle(self, *args, **options) -> None:
        if not Tier.objects.exists():
            for fields in DEMO_TIERS:
                Tier.objects.create(**fields)
            self.stdout.write(f"Created {len(DEMO_TIERS)} demo membership tiers.")
        if settings.STRIPE_DEMO_PAYMENTS:
            call_command("stripe_sync_tiers", stdout=self.stdout)
            self.stdout.write("Demo payments are on: no money moves.")
        else:
            self.stdout.write("Stripe keys are set: run stripe_sync_tiers yourself.")
