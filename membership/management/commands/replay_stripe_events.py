"""Process stored Stripe events again: those that failed, or were stored but
never processed (a crash between storing and processing). Run it from cron;
it is safe to run at any time, in parallel with webhooks."""

from django.core.management.base import BaseCommand

from membership import webhooks
from membership.models import StripeEvent


class Command(BaseCommand):
    help = "Re-process Stripe events that failed or were never processed."

    def add_arguments(self, parser) -> None:
        parser.add_argument("event_ids", nargs="*", help="Only these events (any status).")

    def handle(self, *args, event_ids: list[str], **options) -> None:
        if event_ids:
            events = StripeEvent.objects.filter(pk__in=event_ids)
        else:
            events = StripeEvent.objects.filter(
                status__in=[StripeEvent.Status.RECEIVED, StripeEvent.Status.FAILED]
            )
        ids = list(events.order_by("received_at").values_list("pk", flat=True))
        failed = 0
        for event_id in ids:
            outcome = webhooks.process(event_id)
            failed += outcome.status != 200
            self.stdout.write(f"{event_id}: {outcome.message}")
        summary = f"{len(ids)} event(s) replayed, {failed} still failing."
        self.stdout.write(self.style.ERROR(summary) if failed else self.style.SUCCESS(summary))
