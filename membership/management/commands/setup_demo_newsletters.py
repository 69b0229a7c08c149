"""Demo newsletters for a local site (`make demo`); only when there are none."""

from django.core.management.base import BaseCommand

from membership.newsletters import demo


class Command(BaseCommand):
    help = "Create three demo newsletters with an issue ready each, and some subscribers."

    def handle(self, *args, **options) -> None:
        created = demo.create()
        if not created:
            self.stdout.write("Newsletters exist already: left as they are.")
            return
        self.stdout.write(
            f"Created {created} demo newsletters, each with an issue ready to send "
            "(manage.py send_newsletter daily prints it here)."
        )
