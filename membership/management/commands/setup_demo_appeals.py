"""Demo appeals for a local site (`make run`). Only when there are none, so
appeals someone has edited are never overwritten."""

from django.core.management.base import BaseCommand

from membership.demo import DEMO_APPEALS
from membership.models import Appeal, Tier


class Command(BaseCommand):
    help = "Create the demo appeals (end of article per audience, a banner) when none exist."

    def handle(self, *args, **options) -> None:
        if Appeal.objects.exists():
            self.stdout.write("Appeals exist already: left as they are.")
            return
        tiers = {tier.slug: tier for tier in Tier.objects.all()}
        for fields in DEMO_APPEALS:
            fields = dict(fields)
            tier = tiers.get(fields.pop("tier_slug", ""))
            appeal = Appeal(tier=tier, **fields)
            appeal.full_clean()
            appeal.save()
        self.stdout.write(f"Created {len(DEMO_APPEALS)} demo appeals.")
