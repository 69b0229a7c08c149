"""Counters under concurrency: simultaneous beacons lose no count, and
simultaneous duplicate webhooks count a conversion once. Real concurrency
needs PostgreSQL (as in .ci/run); SQLite serialises every write."""

import json
import threading

from django.db import connection
from django.test import Client

import pytest

from membership import billing
from membership.models import AppealStat, Membership
from tests.membership.conftest import WEBHOOK_URL, session_id_from, sign

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs concurrent writers; .ci/run runs it on PostgreSQL",
)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def run_together(target, args_list: list) -> None:
    barrier = threading.Barrier(len(args_list))

    def worker(*args) -> None:
        try:
            barrier.wait(timeout=10)
            target(*args)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_beacons_lose_no_count(make_appeal, article):
    appeal = make_appeal()
    statuses: list[int] = []
    body = f"event=impression&appeal={appeal.pk}&page={article.pk}"

    def post(address: str) -> None:
        response = Client().post(
            "/membership/appeals/beacon/",
            data=body,
            content_type="application/x-www-form-urlencoded",
            HTTP_USER_AGENT=BROWSER,
            REMOTE_ADDR=address,
        )
        statuses.append(response.status_code)

    run_together(post, [(f"192.0.2.{n}",) for n in range(12)])
    assert statuses == [204] * 12
    assert list(AppealStat.objects.values_list("impressions", flat=True)) == [12]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_duplicate_webhooks_count_one_conversion(
    fake_stripe, tiers, reader, make_appeal, article
):
    appeal = make_appeal()
    attribution = {"source_page_id": article.pk, "appeal": str(appeal.pk)}
    url = billing.start_membership_checkout(reader, tiers["supporter"], "month", None, attribution)
    events = fake_stripe.complete_checkout(session_id_from(url))
    payloads = [json.dumps(event) for event in events] * 3

    def post(payload: str) -> None:
        Client().post(
            WEBHOOK_URL,
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(payload),
        )

    run_together(post, [(p,) for p in payloads])
    assert Membership.objects.get().conversion_counted_at is not None
    assert list(AppealStat.objects.values_list("appeal_id", "page_id", "conversions")) == [
        (appeal.pk, article.pk, 1)
    ]
