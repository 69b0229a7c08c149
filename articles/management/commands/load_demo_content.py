"""Build the demo newsroom that `make run` serves.

Idempotent: running it again finds what it made and changes nothing.
``--articles N`` also adds N synthetic articles (bulk-created, for load and
pagination testing); again only the missing ones are added.
"""

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.demo import build, synthetic


class Command(BaseCommand):
    help = "Create the demo newsroom (idempotent); --articles N adds N synthetic articles."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure N synthetic articles exist (bulk-created, deterministic).",
        )

    def handle(self, *args, **options) -> None:
        wanted = options["articles"]
        if wanted < 0:
            raise CommandError("--articles must be zero or more.")
        started = time.monotonic()
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        wagtail_log.setLevel(logging.WARNING)  # not one "Page created" line per page
        try:
            with transaction.atomic():
                _home, report = build.load()
            if wanted:
                added = synthetic.ensure(wanted, progress=self.stdout.write)
                if added:
                    report.add("synthetic articles", added)
        finally:
            wagtail_log.setLevel(level)
        made = ", ".join(f"{count} {kind}" for kind, count in report.created.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo site ready at / ({made or 'nothing new'}; "
                f"{time.monotonic() - started:.1f}s)."
            )
        )
