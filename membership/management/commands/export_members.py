"""Memberships as CSV on stdout, for the audience team's spreadsheets."""

import csv

from django.core.management.base import BaseCommand

from membership.models import Membership

COLUMNS = [
    "email",
    "name",
    "status",
    "tier",
    "interval",
    "amount",
    "currency",
    "current_period_end",
    "cancel_at_period_end",
    "started_at",
    "source_article",
]


def _date(value) -> str:
    return value.isoformat() if value else ""


class Command(BaseCommand):
    help = "Write memberships as CSV to stdout (amounts in major units, e.g. 10.00)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--active", action="store_true", help="Only memberships that grant perks now."
        )

    def handle(self, *args, active: bool, **options) -> None:
        memberships = Membership.objects.select_related("member__user", "tier").order_by("pk")
        if active:
            memberships = memberships.granting_benefits()
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        for membership in memberships.iterator():
            user = membership.member.user  # None once the reader deleted the account
            writer.writerow(
                [
                    user.email if user else "",
                    user.get_full_name() if user else "",
                    membership.status,
                    membership.tier.name if membership.tier else "",
                    membership.interval,
                    f"{membership.amount / 100:.2f}",
                    membership.currency,
                    _date(membership.current_period_end),
                    "yes" if membership.cancel_at_period_end else "no",
                    _date(membership.started_at),
                    membership.source_page_id or "",
                ]
            )
