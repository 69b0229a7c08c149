"""Memberships as CSV on stdout, for the audience team's spreadsheets: the
same file as the members report's CSV download (membership.reports.member_export)."""

from django.core.management.base import BaseCommand

from membership.reports import member_export


class Command(BaseCommand):
    help = (
        "Write memberships as CSV to stdout, the columns of the members report's download "
        "(amounts in major units, e.g. 10.00; dates in the site's time zone)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--active", action="store_true", help="Only memberships that grant perks now."
        )

    def handle(self, *args, active: bool, **options) -> None:
        memberships = member_export.memberships().order_by("pk")
        if active:
            memberships = memberships.granting_benefits()
        member_export.write_csv(memberships.iterator(), self.stdout)
