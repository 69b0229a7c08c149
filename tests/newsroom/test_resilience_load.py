"""A bounded concurrent run against the app on loopback, on PostgreSQL.

30 client threads share one shuffled list of work for at most ~15 seconds:
reader page views (home, a section, an article) mixed with signed Stripe
webhook deliveries for five new memberships, every event delivered twice.
No request may fail with a 5xx (a deadlock PostgreSQL breaks is a 500), and at
the end each reader has exactly one active membership and one welcome email.

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

from django.core import mail
from django.db import connection

import pytest

from membership import billing
from membership.models import Membership, SentNotice, StripeEvent, User
from tests.factories import ArticlePageFactory, SectionPageFactory, make_home
from tests.membership.conftest import WEBHOOK_URL, session_id_from, sign

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's row locks and concurrent writers; .ci/run runs it on PostgreSQL",
)

CLIENTS = 30
READS = 150
MEMBERS = 5
READ_DEADLINE = 15.0  # seconds; after it, page views still queued are skipped
REQUEST_TIMEOUT = 30.0


def request(url: str, body: str | None = None) -> int:
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


# live_server flushes the database afterwards; serialized_rollback restores what
# data migrations made (groups, the site) for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_reads_and_webhooks(live_server, fake_stripe, tiers):
    home = make_home()
    section = SectionPageFactory(parent=home, slug="world")
    article = ArticlePageFactory(parent=section, slug="a-story")
    pages = [live_server.url + p.url for p in (home, section, article)]

    readers = [User.objects.create_user(f"reader{i}@example.org") for i in range(MEMBERS)]
    deliveries: list[str] = []
    for user in readers:
        url = billing.start_membership_checkout(
            user, tiers["supporter"], "month", None, {"source_page_id": None, "appeal": ""}
        )
        deliveries += [json.dumps(e) for e in fake_stripe.complete_checkout(session_id_from(url))]
    rng = random.Random(9)
    work = [("hook", body) for body in deliveries * 2]
    work += [("read", pages[i % len(pages)]) for i in range(READS)]
    rng.shuffle(work)
    mail.outbox.clear()

    lock = threading.Lock()
    statuses: Counter = Counter()
    skipped = 0
    start = time.monotonic()

    def client() -> None:
        nonlocal skipped
        while True:
            with lock:
                if not work:
                    return
                kind, item = work.pop()
            if kind == "read":
                if time.monotonic() - start > READ_DEADLINE:
                    with lock:
                        skipped += 1
                    continue
                status = request(item)
            else:
                status = request(live_server.url + WEBHOOK_URL, item)
            with lock:
                statuses[(kind, status)] += 1

    threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=READ_DEADLINE + 2 * REQUEST_TIMEOUT)
    elapsed = time.monotonic() - start

    assert not any(t.is_alive() for t in threads), "a client hung (deadlock?)"
    assert statuses[("hook", 200)] == len(deliveries) * 2, statuses
    assert {status for _kind, status in statuses} == {200}, statuses
    assert statuses[("read", 200)] + skipped == READS
    # Page views really ran alongside the webhooks (how many depends on the machine).
    assert statuses[("read", 200)] >= 15, (statuses, skipped, elapsed)

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
