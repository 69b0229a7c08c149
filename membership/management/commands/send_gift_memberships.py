"""Deliver gift memberships due today, remind recipients a week before their
link runs out, and close links that have. Run every few minutes (the
``newsroom-send-gift-memberships.timer``; ``make run`` runs it beside the
server); running it twice at once sends nothing twice."""

from django.core.management.base import BaseCommand

from membership.gifts.delivery import run_due


class Command(BaseCommand):
    help = "Send scheduled gift memberships and claim reminders; expire unclaimed links."

    def handle(self, *args, **options) -> None:
        done = run_due()
        self.stdout.write(
            f"Gift memberships: {done.delivered} delivered, {done.reminded} reminded, "
            f"{done.expired} expired."
        )
