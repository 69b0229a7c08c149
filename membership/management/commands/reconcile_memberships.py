"""Compare every local membership with its Stripe subscription and fix drift
(a missed webhook, a change made while the site was down)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from membership import stripe_gateway as gateway
from membership.models import Member, Membership
from membership.sync.ignore import Ignore
from membership.sync.subscriptions import subscription_fields, sync_subscription


class Command(BaseCommand):
    help = "Bring memberships in line with Stripe; --dry-run prints the differences only."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")
        parser.add_argument(
            "--find-missing",
            action="store_true",
            help="Also ask Stripe for each member's subscriptions and record any we lack "
            "(one API call per member).",
        )

    def handle(self, *args, dry_run: bool, find_missing: bool, **options) -> None:
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
        if find_missing:
            self.find_missing(dry_run)

    def find_missing(self, dry_run: bool) -> None:
        known = set(Membership.objects.values_list("stripe_subscription_id", flat=True))
        missing = 0
        for member in Member.objects.exclude(stripe_customer_id=None).iterator():
            for sub in gateway.list_subscriptions(member.stripe_customer_id):
                if sub["id"] in known:
                    continue
                try:
                    with transaction.atomic():
                        sync_subscription(sub["id"])
                        if dry_run:
                            transaction.set_rollback(True)
                except Ignore:
                    continue  # another product on the same Stripe account
                missing += 1
                self.stdout.write(f"{sub['id']}: missing locally ({member.user}, {sub['status']})")
        verb = "would be recorded" if dry_run else "recorded"
        self.stdout.write(f"{missing} subscription(s) missing locally; {verb}.")
