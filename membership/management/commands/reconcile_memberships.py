"""Compare every local membership with its Stripe subscription and fix drift
(a missed webhook, a change made while the site was down)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from membership import stripe_gateway as gateway
from membership.models import Membership
from membership.sync import Ignore, subscription_fields, sync_subscription


class Command(BaseCommand):
    help = "Bring memberships in line with Stripe; --dry-run prints the differences only."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        drifted = 0
        for membership in Membership.objects.order_by("pk").iterator():
            sub_id = membership.stripe_subscription_id
            try:
                fields = subscription_fields(gateway.retrieve_subscription(sub_id))
            except gateway.NotFound:
                self.stdout.write(f"{sub_id}: missing at Stripe (left as is)")
                continue
            diff = {
                name: (getattr(membership, name), value)
                for name, value in fields.items()
                if getattr(membership, name) != value
            }
            if not diff:
                continue
            drifted += 1
            for name, (old, new) in diff.items():
                self.stdout.write(f"{sub_id}: {name}: {old} -> {new}")
            if not dry_run:
                try:
                    with transaction.atomic():
                        sync_subscription(sub_id)
                except Ignore as reason:
                    self.stdout.write(f"{sub_id}: not fixed ({reason})")
        verb = "would be fixed" if dry_run else "fixed"
        self.stdout.write(f"{drifted} membership(s) differed from Stripe; {verb}.")
