"""Put failed background tasks back in the queue, with back-off and a limit.

The database task worker (``manage.py db_worker``) records a task that raised
as FAILED and moves on; it never retries by itself. This command, run every
few minutes by a timer (deploy/systemd/newsroom-retry-tasks.timer), re-queues
each failed task whose back-off has elapsed, until it has been attempted
``--max-attempts`` times; after that it stays FAILED for a person to look at
(``--list`` shows them, ``--id`` re-queues one by hand). Tasks must therefore
be safe to run more than once, as email delivery and webhook follow-ups are.
"""

import uuid
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def attempts(result: DBTaskResult) -> int:
    return len(result.worker_ids)


def backoff(attempt_count: int, base_seconds: int) -> timedelta:
    """1x, 2x, 4x, ... the base delay after the 1st, 2nd, 3rd failed attempt."""
    return timedelta(seconds=base_seconds * 2 ** max(attempt_count - 1, 0))


class Command(BaseCommand):
    help = "Re-queue failed background tasks (with back-off), or list them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--list", dest="list_only", action="store_true", help="Only list failed tasks."
        )
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=5,
            help="Leave a task failed once it has run this many times (default 5).",
        )
        parser.add_argument(
            "--backoff",
            dest="backoff_seconds",
            type=int,
            default=60,
            help="Seconds to wait after the first failure; doubles each attempt (default 60).",
        )
        parser.add_argument(
            "--id",
            dest="task_ids",
            action="append",
            default=[],
            help="Re-queue this failed task now, whatever its attempts (repeatable).",
        )

    def handle(
        self,
        *,
        list_only: bool,
        max_attempts: int,
        backoff_seconds: int,
        task_ids: list[str],
        **options,
    ) -> None:
        if max_attempts < 1 or backoff_seconds < 0:
            raise CommandError("--max-attempts must be at least 1 and --backoff not negative.")
        failed = DBTaskResult.objects.failed().order_by("finished_at")
        if list_only:
            self._list(failed, max_attempts)
            return
        if task_ids:
            chosen = [self._get_failed(task_id) for task_id in task_ids]
        else:
            now = timezone.now()
            chosen = [
                result
                for result in failed
                if attempts(result) < max_attempts
                and result.finished_at is not None
                and result.finished_at + backoff(attempts(result), backoff_seconds) <= now
            ]
        requeued = sum(self._requeue(result) for result in chosen)
        exhausted = sum(1 for result in failed if attempts(result) >= max_attempts)
        self.stdout.write(f"Re-queued {requeued} failed task(s).")
        if exhausted:
            self.stderr.write(
                f"{exhausted} task(s) failed {max_attempts} times and need attention: "
                "manage.py retry_failed_tasks --list"
            )

    def _get_failed(self, task_id: str) -> DBTaskResult:
        try:
            return DBTaskResult.objects.failed().get(pk=uuid.UUID(task_id))
        except (ValueError, DBTaskResult.DoesNotExist) as exc:
            raise CommandError(f"No failed task with id {task_id!r}.") from exc

    @transaction.atomic
    def _requeue(self, result: DBTaskResult) -> bool:
        # Only flip it if it is still FAILED (another run may have done it).
        return bool(
            DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.FAILED).update(
                status=TaskResultStatus.READY,
                started_at=None,
                finished_at=None,
                run_after=timezone.now(),
                exception_class_path="",
                traceback="",
            )
        )

    def _list(self, failed, max_attempts: int) -> None:
        count = 0
        for result in failed:
            count += 1
            state = "gave up" if attempts(result) >= max_attempts else "will retry"
            last_line = (result.traceback.strip().splitlines() or [""])[-1]
            self.stdout.write(
                f"{result.pk}  {result.task_path}  attempts={attempts(result)} ({state})  "
                f"failed_at={result.finished_at:%Y-%m-%d %H:%M:%S}  {last_line}"
            )
        self.stdout.write(f"{count} failed task(s).")
