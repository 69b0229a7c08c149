"""Send the “Remind me later” reminders that are due, each once, and delete
their addresses. Run by the periodic newsletter job (every minute)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from membership.reminders import send_due


class Command(BaseCommand):
    help = "Send due appeal reminders (each once), then delete their addresses."

    def handle(self, *args, **options) -> None:
        sent = send_due(timezone.now())
        self.stdout.write(f"{sent} reminder(s) sent.")
