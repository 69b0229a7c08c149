"""Send a newsletter's next ready issue now, through the admin's Send path.

    manage.py send_newsletter SLUG      # the next ready (or scheduled) issue
    manage.py send_newsletter --due     # every scheduled issue whose time has come (cron)

An issue that is still sending (a crash, a redeploy) is resumed instead:
deliveries claimed longer ago than --stale-after seconds go back in the queue.
Run again once it is sent, it finds nothing to send and says so."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from membership.newsletters import sending
from membership.newsletters.issues import Issue
from membership.newsletters.models import Newsletter


class Command(BaseCommand):
    help = "Send a newsletter's next ready issue (or resume one that is sending)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", nargs="?")
        parser.add_argument("--due", action="store_true", help="Send scheduled issues now due.")
        parser.add_argument("--stale-after", type=int, default=600, metavar="SECONDS")

    def handle(self, slug=None, due=False, stale_after=600, **options) -> None:
        if due:
            for issue in sending.send_due():
                self.stdout.write(f"Started {issue}")
            return
        if not slug:
            raise CommandError("Name a newsletter (its slug), or pass --due.")
        newsletter = Newsletter.objects.filter(slug=slug).first()
        if newsletter is None:
            raise CommandError(f"No newsletter with the slug {slug!r}.")
        issues = newsletter.issues.order_by("created_at")
        sending_now = issues.filter(status=Issue.Status.SENDING).first()
        if sending_now is not None:
            released = sending.resume(sending_now, timedelta(seconds=stale_after))
            self.stdout.write(
                f"Resumed {sending_now} ({released} deliveries put back in the queue)."
            )
            return
        issue = issues.filter(status__in=(Issue.Status.READY, Issue.Status.SCHEDULED)).first()
        if issue is None:
            self.stdout.write("Nothing to send: no issue of this newsletter is ready.")
            return
        created = sending.start(issue)
        self.stdout.write(f"Sending {issue} to {created} recipients.")
