"""manage.py export_subscribers > subscribers.csv

Every list of every address: status, consent (when, how, where), how it
ended, suppression. import_subscribers reads it back."""

import csv

from django.core.management.base import BaseCommand

from membership.newsletters import transfer
from membership.reports.spreadsheets import csv_safe


class Command(BaseCommand):
    help = "Write every subscription as CSV on stdout (lossless; import_subscribers reads it)."

    def handle(self, **options) -> None:
        writer = csv.DictWriter(self.stdout, transfer.COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in transfer.export_rows():
            writer.writerow({key: csv_safe(value) for key, value in row.items()})
