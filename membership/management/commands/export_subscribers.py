"""manage.py export_subscribers > subscribers.csv

Every list of every address: status, consent (when, how, where), how it
ended, suppression. import_subscribers reads it back."""

from django.core.management.base import BaseCommand

from membership.newsletters import transfer


class Command(BaseCommand):
    help = "Write every subscription as CSV on stdout (lossless; import_subscribers reads it)."

    def handle(self, **options) -> None:
        transfer.write_csv(self.stdout)
