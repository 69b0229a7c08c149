"""manage.py import_subscribers FILE.csv [--newsletter SLUG] [--dry-run]

Mailchimp, Substack or Ghost exports (or our own export_subscribers file).
Idempotent: running it again adds nothing. Prints a summary."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from membership.newsletters import transfer
from membership.newsletters.models import Newsletter


class Command(BaseCommand):
    help = "Import subscribers from a CSV export (Mailchimp, Substack, Ghost, ours)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--newsletter", help="Slug; else the file's newsletter column.")
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, file: str, newsletter=None, dry_run=False, **options) -> None:
        target = None
        if newsletter:
            target = Newsletter.objects.filter(slug=newsletter).first()
            if target is None:
                raise CommandError(f"No newsletter with the slug {newsletter!r}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        with path.open(newline="", encoding="utf-8-sig") as source:
            summary = transfer.import_rows(transfer.read_rows(source), target, path.name, dry_run)
        prefix = "Dry run, nothing changed: " if dry_run else ""
        parts = [f"{count} {what}" for what, count in sorted(summary.items())] or ["no rows"]
        self.stdout.write(f"{prefix}{sum(summary.values())} rows: {', '.join(parts)}.")
