"""What one newsletter message costs the sending task, counted rather than
timed (wall-clock means little on a shared machine).

    python bench/newsletter_cost.py setup [N]           a database with N subscribers (500)
    python bench/newsletter_cost.py send M [--profile]  one task sends M of them

``send`` queues M deliveries of the issue, runs the sending task in-process
(``deliver_issue.call``) to a local SMTP sink (``bench/smtp_sink.py``, started
and stopped around the run, in its own process) and prints the SQL queries it
ran and, with ``--profile``, the functions with the most calls per message
(cProfile). Instructions per message: run ``send`` twice under callgrind with
two sizes and divide the difference by the difference in messages, so the
start-up cancels out::

    valgrind --tool=callgrind --callgrind-out-file=/tmp/a.out .venv/bin/python \\
        bench/newsletter_cost.py send 100
    (the same with 400)    callgrind_annotate /tmp/a.out | head   # "PROGRAM TOTALS"

``BENCH_DATABASE_URL`` (PostgreSQL), ``BENCH_SMTP_PORT`` (8131) and
``NEWSLETTER_EMAIL_BACKEND`` (empty: SMTP; ``anymail.backends.test.EmailBackend``
for anymail's test backend) choose where."""

import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_SMTP_PORT", "8131"))
DB_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench_newsletter_cost"
)
os.environ.update(
    DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
    DEBUG="false",
    DATABASE_URL=DB_URL,
    TASKS_BACKEND="database",
    EMAIL_URL=f"smtp://127.0.0.1:{PORT}",
    NEWSLETTER_SEND_TASKS="1",
    SITE_URL="https://news.example.org",
    ALLOWED_HOSTS="news.example.org",
    LOG_LEVEL="WARNING",
)
os.environ.setdefault("NEWSLETTER_EMAIL_BACKEND", "")
sys.path.insert(0, str(ROOT))


def setup(count: int) -> None:
    import psycopg

    base, name = DB_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    python = str(ROOT / ".venv" / "bin" / "python")
    manage = [python, "manage.py", "migrate", "--noinput"]
    subprocess.run(manage, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    import django  # the settings come from the environment set above

    django.setup()
    from membership.newsletters import sending
    from membership.newsletters.issues import Issue
    from membership.newsletters.models import Newsletter, Subscriber, Subscription

    newsletter = Newsletter.objects.create(name="Bench Daily", slug="bench")
    Subscriber.objects.bulk_create(
        [Subscriber(email=f"reader{i:06}@bench.example.org") for i in range(count)]
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber_id=pk, newsletter=newsletter, status="subscribed")
        for pk in Subscriber.objects.values_list("pk", flat=True)
    )
    body = [
        ("intro", "<p>Good morning. Here is what you need to know today.</p>" * 3),
        ("text", "<h2>Also today</h2><p>" + "A paragraph of the editor's letter. " * 40 + "</p>"),
        ("appeal", {"heading": "Fund us", "text": "Members pay.", "button_label": "Join"}),
    ]
    issue = Issue.objects.create(newsletter=newsletter, subject="Bench", body=body, status="ready")
    sending._create_deliveries(issue)
    print(f"{count} subscribers, issue {issue.pk}")


def send(count: int, profile: bool) -> None:
    import django  # the settings come from the environment set above

    django.setup()
    from django.db import connection

    from membership.newsletters import sending
    from membership.newsletters.issues import Delivery, Issue

    issue = Issue.objects.get()
    Issue.objects.filter(pk=issue.pk).update(status="sending")
    Delivery.objects.update(status="sent")
    first = Delivery.objects.order_by("pk").values("pk")[:count]
    Delivery.objects.filter(pk__in=first).update(status="queued", attempts=0, claimed_at=None)
    queries = 0

    def counted(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with tempfile.NamedTemporaryFile() as received:
        sink_script = str(ROOT / "bench" / "smtp_sink.py")
        sink = subprocess.Popen([sys.executable, sink_script, str(PORT), received.name])
        time.sleep(1.5)
        profiler = cProfile.Profile(time.process_time)  # CPU time, not wall-clock
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            database = cursor.fetchone()[0]
        try:
            before = (time.process_time(), cpu_seconds(database), cpu_seconds(sink.pid))
            with connection.execute_wrapper(counted):
                if profile:
                    profiler.enable()
                sent = sending.deliver_issue.call(issue.pk)
                profiler.disable()
            after = (time.process_time(), cpu_seconds(database), cpu_seconds(sink.pid))
        finally:
            sink.terminate()
            sink.wait()
        arrived = len(Path(received.name).read_text().split())
    print(f"sent {sent}, the sink received {arrived}, {queries} SQL queries")
    task, server, sink_cpu = (
        1000 * (a - b) / max(1, sent) for a, b in zip(after, before, strict=True)
    )
    print(
        f"CPU ms per message: this task {task:.3f} (render and start-up included), "
        f"its PostgreSQL backend {server:.3f}, the sink {sink_cpu:.3f}"
    )
    if profile:
        report(pstats.Stats(profiler).stats, sent)


def report(stats: dict, sent: int) -> None:
    """Functions called about once a message or more: calls and CPU µs per message
    (inclusive, inflated by the profiler's own cost), the most expensive first."""
    print("calls/message  CPU µs/message  function")
    rows = sorted(stats.items(), key=lambda item: -item[1][3])
    for (path, line, function), (_, calls, _, cumulative, _) in rows:
        if calls >= sent:
            where = f"{Path(path).name}:{line}({function})"
            print(f"{calls / sent:13.2f}  {cumulative * 1e6 / sent:14.0f}  {where}")
    total = sum(calls for _, calls, *_ in stats.values())
    print(f"{total / max(1, sent):13.1f}  function calls per message in all (start-up included)")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process on this machine (0 if not readable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup(int(sys.argv[2]) if len(sys.argv) > 2 else 500)
    else:
        send(int(sys.argv[2]), "--profile" in sys.argv)
