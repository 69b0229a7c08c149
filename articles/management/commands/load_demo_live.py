"""Add the demo live page (``make demo``; idempotent): ``articles.live.demo``."""

from django.core.management.base import BaseCommand

from articles.cache import generations
from articles.live import demo


class Command(BaseCommand):
    help = "Add the demo live page with 40 entries over the last day (idempotent)."

    def handle(self, *args, **options) -> None:
        made = demo.ensure()
        if made:
            generations.purge_all()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo live page ready ({made} entries made)."
                if made
                else "Demo live page: nothing new."
            )
        )
