"""`make bench-newsletter`: one issue to 50,000 subscribers.

1. Subscribes BENCH_SUBSCRIBERS addresses (bulk) in a PostgreSQL database of
   its own, and makes one issue ready.
2. SMTP run: starts a local SMTP sink (aiosmtpd), runs `send_newsletter` with
   the database task backend and a `db_worker`, kills the worker (SIGKILL) when
   half are sent, runs `send_newsletter` again (resume) with a new worker, and
   waits for the last hand-off. Reports messages/s from "send" to the last
   hand-off, the workers' peak RSS, and how many messages each address got.
3. anymail run: the same issue, re-sent in-process through anymail's test
   backend (no network), counting SQL queries per 1,000 messages.

Writes bench/results-newsletter.md. Needs PostgreSQL (BENCH_DATABASE_URL)."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
N = int(os.environ.get("BENCH_SUBSCRIBERS", "50000"))
PORT = int(os.environ.get("BENCH_SMTP_PORT", "8131"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))  # db_worker processes, one task each
ANYMAIL_SAMPLE = int(os.environ.get("BENCH_ANYMAIL_SAMPLE", "10000"))
DB_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench_newsletter"
)
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
    "DEBUG": "false",
    "DATABASE_URL": DB_URL,
    "TASKS_BACKEND": "database",
    "EMAIL_URL": f"smtp://127.0.0.1:{PORT}",
    "NEWSLETTER_EMAIL_BACKEND": "",
    "NEWSLETTER_SEND_TASKS": os.environ.get("NEWSLETTER_SEND_TASKS", "2"),
    "SITE_URL": "https://news.example.org",
    "ALLOWED_HOSTS": "news.example.org",
    "LOG_LEVEL": "WARNING",
}


def manage(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True, **kwargs)


def django_setup() -> None:
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django  # settings come from ENV, set just above

    django.setup()


def create_database() -> None:
    import psycopg

    base, name = DB_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def populate() -> float:
    from membership.newsletters.issues import Issue
    from membership.newsletters.models import Newsletter, Subscriber, Subscription

    started = time.monotonic()
    newsletter = Newsletter.objects.create(name="Bench Daily", slug="bench")
    Subscriber.objects.bulk_create(
        [Subscriber(email=f"reader{i:06}@bench.example.org") for i in range(N)], batch_size=5000
    )
    Subscription.objects.bulk_create(
        [
            Subscription(subscriber_id=pk, newsletter=newsletter, status="subscribed",
                         consent_method="import")
            for pk in Subscriber.objects.values_list("pk", flat=True)
        ],
        batch_size=5000,
    )  # fmt: skip
    body = [
        ("intro", "<p>Good morning. Here is what you need to know today.</p>" * 3),
        ("text", "<h2>Also today</h2><p>" + "A paragraph of the editor's letter. " * 40 + "</p>"),
        (
            "appeal",
            {"heading": "Fund us", "text": "Members make it free.", "button_label": "Join"},
        ),
    ]
    Issue.objects.create(newsletter=newsletter, subject="Bench issue", body=body, status="ready")
    return time.monotonic() - started


def sent_count() -> tuple[int, str]:
    from django.db import connection

    from membership.newsletters.issues import Delivery, Issue

    connection.close()  # a fresh view of what the workers committed
    return Delivery.objects.filter(status="sent").count(), Issue.objects.get().status


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def workers() -> list[subprocess.Popen]:
    command = [PY, "manage.py", "db_worker", "--interval", "0.1", "--no-reload"]
    return [subprocess.Popen(command, cwd=ROOT, env=ENV) for _ in range(WORKERS)]


def peak(processes: list[subprocess.Popen]) -> float:
    return max(peak_rss_mb(p.pid) for p in processes)


def smtp_run(sink_file: Path) -> dict:
    sink = subprocess.Popen([PY, str(ROOT / "bench" / "smtp_sink.py"), str(PORT), str(sink_file)])
    time.sleep(1.5)
    rss, result = [], {}
    try:
        started = time.monotonic()
        manage("send_newsletter", "bench", stdout=subprocess.DEVNULL)
        first = workers()
        while sent_count()[0] < N // 2:
            rss.append(peak(first))
            time.sleep(0.05)
        rss.append(peak(first))
        for process in first:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        result["killed_at"] = sent_count()[0]
        manage("send_newsletter", "bench", "--stale-after=0", stdout=subprocess.DEVNULL)
        second = workers()
        while sent_count()[1] != "sent":
            rss.append(peak(second))
            time.sleep(0.1)
        elapsed = time.monotonic() - started
        rss.append(peak(second))
        for process in second:
            process.terminate()
            process.wait()
    finally:
        sink.terminate()
        sink.wait()
    per_address = Counter(sink_file.read_text().split())
    result.update(
        seconds=elapsed,
        rate=N / elapsed,
        rss=max(rss),
        received=sum(per_address.values()),
        addresses=len(per_address),
        duplicates=sum(1 for c in per_address.values() if c > 1),
        missing=N - len(per_address),
    )
    return result


def anymail_run() -> dict:
    from django.conf import settings
    from django.db import connection

    from membership.newsletters import sending
    from membership.newsletters.issues import Delivery, Issue

    issue = Issue.objects.get()
    sample = Delivery.objects.filter(issue=issue).order_by("pk")[:ANYMAIL_SAMPLE]
    Delivery.objects.filter(pk__in=sample.values("pk")).update(status="queued")
    Issue.objects.filter(pk=issue.pk).update(status="sending")
    settings.NEWSLETTER_EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.ANYMAIL = {"TEST_SAMPLE_SETTING": "x"}
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    started = time.monotonic()
    with connection.execute_wrapper(count):  # no 9,000-query cap, unlike connection.queries
        sent = sending.deliver_issue.call(issue.pk)
    elapsed = time.monotonic() - started
    return {"sent": sent, "rate": sent / elapsed, "queries_per_1000": queries * 1000 / sent}


def main() -> None:
    if os.environ.get("BENCH_ONLY_ANYMAIL"):  # again, on the database a full run left
        django_setup()
        print(anymail_run())
        return
    create_database()
    manage("migrate", "--noinput", stdout=subprocess.DEVNULL)
    django_setup()
    populate_seconds = populate()
    with tempfile.TemporaryDirectory() as tmp:
        smtp = smtp_run(Path(tmp) / "sink.txt")
    anymail = anymail_run()
    smtp_row = (
        f"| SMTP sink (aiosmtpd), worker SIGKILLed at {smtp['killed_at']:,} sent, resumed "
        f"| {smtp['received']:,} | {smtp['seconds']:.1f} s | {smtp['rate']:.0f} "
        f"| {smtp['rss']:.0f} MB | |"
    )
    anymail_row = (
        f"| anymail test backend, in-process | {anymail['sent']:,} | "
        f"| {anymail['rate']:.0f} | | {anymail['queries_per_1000']:.0f} |"
    )
    table = f"""# Newsletter send benchmark (`make bench-newsletter`)

{N:,} subscribers, one issue, PostgreSQL, {WORKERS} `db_worker` processes (all
SIGKILLed at half, then restarted), on this 2-core machine shared with other work.
Subscribing them (bulk): {populate_seconds:.1f} s.

| run | messages | time | messages/s | peak RSS of a worker | SQL queries / 1,000 messages |
|---|---|---|---|---|---|
{smtp_row}
{anymail_row}

Exactly once after the kill: {smtp["addresses"]:,} addresses received mail,
{smtp["duplicates"]} received more than one message, {smtp["missing"]} received none.
"""
    (ROOT / "bench" / "results-newsletter.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
