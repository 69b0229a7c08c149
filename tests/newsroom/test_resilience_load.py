"""A bounded concurrent run against the app on loopback, on PostgreSQL.

50 client threads run for 30 seconds: reader page views (home, a section, an
article) with pauses of up to half a second, and signed Stripe webhook deliveries for ten new
memberships spread over the first 25 seconds, every event delivered twice
(half of the duplicates at the same moment as the original). No request may
fail (a deadlock PostgreSQL breaks would be a 500), PostgreSQL must count no
deadlock, and at the end each reader has exactly one active membership and one
welcome email. The throughput and latencies observed are printed.

It needs PostgreSQL's row locks and concurrent writers (SQLite serialises
every write), so it is skipped on SQLite; .ci/run runs it on PostgreSQL.
"""

import json
import random
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core import mail
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread

import pytest

from membership import billing
from membership.models import Membership, SentNotice, StripeEvent, User
from tests.factories import ArticlePageFactory, SectionPageFactory, make_home
from tests.membership.conftest import WEBHOOK_URL, session_id_from, sign

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's row locks and concurrent writers; .ci/run runs it on PostgreSQL",
)

CLIENTS = 50
DURATION = 30.0  # seconds of page views; webhook deliveries are due in the first 25
HOOK_WINDOW = 25.0
MEMBERS = 10
MAX_READS = 20_000  # a bound on the loop whatever the machine
REQUEST_TIMEOUT = 60.0
THINK = 0.5  # at most this long between a client's requests, as readers pause


def request(url: str, body: str | None = None) -> int | str:
    headers = {}
    data = None
    if body is not None:
        data = body.encode()
        headers = {"Content-Type": "application/json", "Stripe-Signature": sign(body)}
    req = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(req, timeout=REQUEST_TIMEOUT) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:  # refused, reset, timed out: counted, then asserted on
        return type(error).__name__


def deadlocks() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(kind: str, latencies: list[float], elapsed: float) -> str:
    if not latencies:
        return f"{kind}: none"
    return (
        f"{kind}: {len(latencies)} in {elapsed:.1f}s = {len(latencies) / elapsed:.1f}/s; "
        f"latency ms p50 {percentile(latencies, 0.5) * 1000:.0f}, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f}, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f}, max {max(latencies) * 1000:.0f}"
    )


class QueueingServer(ThreadedWSGIServer):
    # Django's test server lets 10 connections wait to be accepted; the kernel
    # drops the SYNs of the rest and their clients retry after 1, 3, 7, 15 s, so
    # 50 clients would mostly measure TCP back-off. gunicorn's backlog is 2048.
    request_queue_size = 2 * CLIENTS


class LoadServerThread(LiveServerThread):
    server_class = QueueingServer


@pytest.fixture
def load_server():
    """The app on a loopback port of its own, threaded like live_server."""
    thread = LoadServerThread("127.0.0.1", StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


# The flush after a transactional test empties the database; serialized_rollback
# restores what data migrations made (groups, the site) for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_reads_and_webhooks(load_server, fake_stripe, tiers, capsys):
    home = make_home()
    section = SectionPageFactory(parent=home, slug="world")
    article = ArticlePageFactory(parent=section, slug="a-story")
    pages = [load_server + p.url for p in (home, section, article)]

    readers = [User.objects.create_user(f"reader{i}@example.org") for i in range(MEMBERS)]
    deliveries: list[str] = []
    for user in readers:
        url = billing.start_membership_checkout(
            user, tiers["supporter"], "month", None, {"source_page_id": None, "appeal": ""}
        )
        deliveries += [json.dumps(e) for e in fake_stripe.complete_checkout(session_id_from(url))]
    # Each delivery is due at a moment of the window; its duplicate either at
    # the same moment (two requests racing) or at another one.
    rng = random.Random(9)
    schedule: list[tuple[float, str]] = []
    for number, body in enumerate(deliveries):
        due = rng.uniform(0, HOOK_WINDOW)
        again = due if number % 2 else rng.uniform(0, HOOK_WINDOW)
        schedule += [(due, body), (again, body)]
    schedule.sort(key=lambda item: item[0], reverse=True)  # pop() takes the earliest
    mail.outbox.clear()
    deadlocks_before = deadlocks()

    lock = threading.Lock()
    statuses: Counter = Counter()
    latencies: dict[str, list[float]] = {"read": [], "hook": []}
    reads_started = 0
    start = time.monotonic()

    def client(number: int) -> None:
        nonlocal reads_started
        think = random.Random(number)
        while True:
            now = time.monotonic() - start
            with lock:
                if schedule and schedule[-1][0] <= now:
                    kind, body = "hook", schedule.pop()[1]
                elif now < DURATION and reads_started < MAX_READS:
                    kind, body = "read", None
                    reads_started += 1
                elif schedule:
                    kind, body = "wait", None
                else:
                    return
            if kind == "wait":
                time.sleep(0.05)
                continue
            began = time.monotonic()
            if kind == "read":
                status = request(pages[(number + reads_started) % len(pages)])
            else:
                status = request(load_server + WEBHOOK_URL, body)
            took = time.monotonic() - began
            with lock:
                statuses[(kind, status)] += 1
                latencies[kind].append(took)
            time.sleep(think.uniform(0, THINK))

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DURATION + 2 * REQUEST_TIMEOUT)
    elapsed = time.monotonic() - start

    assert not any(t.is_alive() for t in threads), "a client hung (deadlock?)"
    with capsys.disabled():
        print(f"\nload: {CLIENTS} clients, {elapsed:.1f}s")
        print("load: " + summary("page views", latencies["read"], elapsed))
        print("load: " + summary("webhook deliveries", latencies["hook"], elapsed))
    assert statuses[("hook", 200)] == len(deliveries) * 2, statuses
    assert {status for _kind, status in statuses} == {200}, statuses
    # Page views really ran alongside the webhooks (how many depends on the machine).
    assert statuses[("read", 200)] >= CLIENTS, (statuses, elapsed)
    time.sleep(1.5)  # backends report their statistics within a second of going idle
    assert deadlocks() == deadlocks_before

    memberships = Membership.objects.select_related("member__user", "tier")
    assert sorted(m.member.user.email for m in memberships) == sorted(u.email for u in readers)
    for membership in memberships:
        assert membership.status == "active"
        assert (membership.tier.slug, membership.interval, membership.amount) == (
            "supporter",
            "month",
            500,
        )
    assert set(StripeEvent.objects.values_list("status", flat=True)) == {"processed"}
    assert StripeEvent.objects.count() == len(deliveries)
    assert SentNotice.objects.filter(key__startswith="welcome:").count() == MEMBERS
    welcomed = sorted(m.to[0] for m in mail.outbox if "Welcome" in m.subject)
    assert welcomed == sorted(u.email for u in readers)
