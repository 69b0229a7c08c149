"""Sending an issue: one delivery row per recipient, handed off by tasks.

``start`` resolves the audience and writes a ``Delivery`` per recipient (unique
on issue and subscriber) in one transaction, marks the issue *sending* and,
after commit, enqueues ``NEWSLETTER_SEND_TASKS`` ``deliver_issue`` tasks on the
existing task worker. Each task claims queued rows (``FOR UPDATE SKIP
LOCKED`` on PostgreSQL, so tasks never share a row), marks them *sending*,
hands each message to the mail backend and marks it *sent* straight after.
A crash leaves rows *queued* (never tried) or *sending* (handed off or not:
unknown); ``resume`` puts stale *sending* rows back in the queue and enqueues
the tasks again, so no one is skipped. Only a crash between the mail server
accepting a message and the row being marked can repeat that one message
(at most one per task). ``start`` on a sent issue does nothing.

Why a mark per message and not one per batch of N: a hard kill (SIGKILL, out
of memory, a lost machine) runs no clean-up, so whatever was accepted since
the last mark goes out again on resume. One mark per batch would make that
up to N messages per killed task instead of one, and a kill at a random
moment would almost always land inside such a window, where today it almost
never lands in the one-message window. The mark is kept instead, made cheap
(``_mark_sent``: SQL written once, no query compilation, an asynchronous
commit): about a quarter of the sending task's CPU per message, and most of
the database server's (``bench/newsletter_cost.py`` counts both).
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db
from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.utils import timezone

from django_tasks import task

from membership.newsletters import audience, digest
from membership.newsletters.issues import Delivery, Issue
from membership.newsletters.messages import Composer, Handoff
from membership.newsletters.models import Subscription

logger = logging.getLogger(__name__)
BATCH = 200
STALE_AFTER = timedelta(minutes=10)


def backend() -> str:
    return getattr(settings, "NEWSLETTER_EMAIL_BACKEND", "") or settings.EMAIL_DELIVERY_BACKEND


def start(issue: Issue) -> int:
    """Send ``issue`` (or go on sending it). Returns how many deliveries it created."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().select_related("newsletter").get(pk=issue.pk)
        if issue.status == Issue.Status.SENT:
            return 0
        created = 0
        if issue.status != Issue.Status.SENDING:
            created = _create_deliveries(issue)
            transaction.on_commit(refresh_statistics)  # before the tasks start
            issue.status = Issue.Status.SENDING
            issue.started_at = timezone.now()
            issue.recipients = issue.deliveries.count()
            issue.save(update_fields=["status", "started_at", "recipients"])
            logger.info("Issue %s: sending to %d recipients", issue.pk, issue.recipients)
        transaction.on_commit(lambda: enqueue(issue.pk))
    return created


def send_test(issue: Issue, email: str) -> None:
    """One copy to ``email`` now, personalised as for a subscriber with no lists."""
    message = Composer(issue).message(0, email, "")
    message.subject = f"[Test] {message.subject}"
    get_connection(backend(), fail_silently=False).send_messages([message])


def send_due(now=None) -> list[Issue]:
    """Start every scheduled issue whose time has come and the section digests
    due, and resume the sends a crash stalled (the timer: send_newsletter --due)."""
    now = now or timezone.now()
    due = list(Issue.objects.filter(status=Issue.Status.SCHEDULED, send_at__lte=now))
    due += digest.due_digests(now)
    for issue in due:
        start(issue)
    for issue in stalled(now):
        resume(issue)
        due.append(issue)
    return due


def stalled(now, stale_after: timedelta = STALE_AFTER) -> list[Issue]:
    """Issues still *sending* whose deliveries no task has claimed for
    ``stale_after``: the worker died (a claim of a running task is seconds old)."""
    cutoff = now - stale_after
    return list(
        Issue.objects.filter(status=Issue.Status.SENDING, started_at__lt=cutoff)
        .annotate(last_claim=Max("deliveries__claimed_at"))
        .filter(Q(last_claim__lt=cutoff) | Q(last_claim=None))
    )


def _create_deliveries(issue: Issue) -> int:
    ids = list(audience.recipients(issue.newsletter).values_list("pk", flat=True))
    Delivery.objects.bulk_create(
        [Delivery(issue=issue, subscriber_id=pk) for pk in ids],
        batch_size=5000,
        ignore_conflicts=True,
    )
    return len(ids)


def refresh_statistics() -> None:
    """PostgreSQL plans the batch claim (``_claim``) from its statistics of
    the deliveries and subscriptions. Right after a send has created its
    rows, thousands at once, those still describe the tables as they were:
    the planner then sorted every queued row for each claim and scanned the
    list's subscriptions once per recipient, half of a sending task's time in
    a 20,000-address send (py-spy). ANALYZE samples them again, in well under
    a second, once per send."""
    if db.vendor == "postgresql":
        tables = (Delivery._meta.db_table, Subscription._meta.db_table)
        with db.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(map(db.ops.quote_name, tables))}")


def resume(issue: Issue, stale_after: timedelta = STALE_AFTER) -> int:
    """After a crash: rows claimed longer ago than ``stale_after`` go back to
    the queue, and the tasks are enqueued again. Returns the rows released."""
    stale = Delivery.objects.filter(
        issue=issue,
        status=Delivery.Status.SENDING,
        claimed_at__lt=timezone.now() - stale_after,
    )
    dead_claims = stale.order_by().values("claimed_at").distinct().count()
    released = stale.update(status=Delivery.Status.QUEUED)
    if dead_claims:
        # A claim's rows go out in order, each marked sent straight after: of
        # a dead claim's unmarked rows only the first can have been accepted.
        logger.warning(
            "Issue %s: %d rows of %d dead claims queued again; at most %d of them "
            "(the first of each claim) may reach its reader twice, with the same Message-ID",
            issue.pk, released, dead_claims, dead_claims,
        )  # fmt: skip
    if Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING).exists():
        transaction.on_commit(lambda: enqueue(issue.pk))
    return released


def retry_failed(issue: Issue) -> int:
    with transaction.atomic():
        count = Delivery.objects.filter(issue=issue, status=Delivery.Status.FAILED).update(
            status=Delivery.Status.QUEUED, error=""
        )
        if count:
            Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING, sent_at=None)
            transaction.on_commit(lambda: enqueue(issue.pk))
    return count


def enqueue(issue_id: int) -> None:
    for _ in range(max(1, getattr(settings, "NEWSLETTER_SEND_TASKS", 1))):
        deliver_issue.enqueue(issue_id)


def _claim(issue: Issue, size: int) -> list[tuple]:
    still_subscribed = Subscription.objects.subscribed().filter(
        subscriber=OuterRef("subscriber"), newsletter_id=issue.newsletter_id
    )
    with transaction.atomic():
        rows = Delivery.objects.filter(issue=issue, status=Delivery.Status.QUEUED).order_by("pk")
        if db.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        claimed = list(
            rows.annotate(wanted=Exists(still_subscribed)).values_list(
                "pk", "subscriber_id", "subscriber__email", "subscriber__name",
                "subscriber__suppressed", "wanted",
            )[:size]
        )  # fmt: skip
        Delivery.objects.filter(pk__in=[row[0] for row in claimed]).update(
            status=Delivery.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    return claimed


class _Pace:
    """At most ``NEWSLETTER_SEND_RATE`` messages a second per task (0: no limit)."""

    def __init__(self) -> None:
        rate = getattr(settings, "NEWSLETTER_SEND_RATE", 0)
        self.interval = 1 / rate if rate else 0
        self.next = time.monotonic()

    def claim_size(self) -> int:
        """A claim holds at most a minute of sending, so a live task's claim is
        never older than a minute and only a dead task's goes stale."""
        return BATCH if not self.interval else max(1, min(BATCH, int(60 / self.interval)))

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if self.next > now:
            time.sleep(self.next - now)
        self.next = max(self.next, now) + self.interval


@task()
def deliver_issue(issue_id: int) -> int:
    """Hand this issue's queued deliveries to the mail backend; returns how many."""
    issue = Issue.objects.select_related("newsletter").filter(pk=issue_id).first()
    if issue is None or issue.status != Issue.Status.SENDING:
        return 0
    pace, sent = _Pace(), 0
    connection = get_connection(backend(), fail_silently=False)
    handoff = Handoff(issue, connection)
    _fast_commits(True)
    try:
        while batch := _claim(issue, pace.claim_size()):
            for delivery_id, subscriber_id, email, name, suppressed, wanted in batch:
                if suppressed or not wanted:
                    reason = "suppressed" if suppressed else "unsubscribed before sending"
                    _mark(delivery_id, Delivery.Status.FAILED, error=reason)
                    continue
                pace.wait()
                try:
                    esp_message_id = handoff.send(subscriber_id, email, name)
                except Exception as error:
                    logger.warning(
                        "Issue %s to subscriber %s failed: %s", issue_id, subscriber_id, error
                    )
                    _mark(delivery_id, Delivery.Status.FAILED, error=str(error)[:500])
                    connection.close()  # a fresh connection for the next one
                    continue
                _mark_sent(delivery_id, esp_message_id)
                sent += 1
    finally:
        connection.close()
        _fast_commits(False)
    finish(issue_id)
    return sent


def _fast_commits(on: bool) -> None:
    """Marking a row sent is one small commit per message. On PostgreSQL the
    sending task commits without waiting for the WAL to reach the disk
    (``synchronous_commit = off``): a killed worker loses nothing (the server
    has the commit), and only a crash of the database server itself could
    lose the last fraction of a second of marks, whose messages would then go
    out again on resume (never skipped). About 10x more messages a second."""
    if db.vendor == "postgresql":
        with db.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF" if on else "RESET synchronous_commit")


def _mark(delivery_id: int, status: str, **fields) -> None:
    Delivery.objects.filter(pk=delivery_id).update(status=status, **fields)


def _mark_sent(delivery_id: int, esp_message_id: str) -> None:
    """The one write per message, before the next hand-off (see the module's
    docstring for why not one per batch): SQL written once, so a message costs
    no query compilation; its own commit (autocommit), like ``_mark``'s."""
    table = db.ops.quote_name(Delivery._meta.db_table)
    pk = db.ops.quote_name(Delivery._meta.pk.column)
    sent_at = db.ops.adapt_datetimefield_value(timezone.now())
    with db.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, esp_message_id = %s, sent_at = %s WHERE {pk} = %s",  # noqa: S608
            [Delivery.Status.SENT.value, esp_message_id, sent_at, delivery_id],
        )


def finish(issue_id: int) -> bool:
    pending = Delivery.objects.filter(
        issue_id=issue_id, status__in=(Delivery.Status.QUEUED, Delivery.Status.SENDING)
    )
    if pending.exists():
        return False
    return bool(
        Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).update(
            status=Issue.Status.SENT, sent_at=timezone.now()
        )
    )


def progress(issue: Issue) -> dict[str, int]:
    counts = dict.fromkeys(Delivery.Status.values, 0)
    rows = issue.deliveries.order_by().values_list("status").annotate(n=Count("pk"))
    counts.update(dict(rows))
    counts["total"] = sum(counts.values())
    return counts
