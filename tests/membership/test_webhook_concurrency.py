"""Simultaneous deliveries of the same events handle each event once.

This needs real row locks, so it runs on PostgreSQL (as in .ci/run); SQLite
serialises every write and has no SELECT ... FOR UPDATE to test."""

import json
import threading

from django.core import mail
from django.db import connection
from django.test import Client

import pytest

from membership import billing
from membership.models import Membership, SentNotice, StripeEvent
from tests.membership.conftest import WEBHOOK_URL, session_id_from, sign

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks (SELECT ... FOR UPDATE); .ci/run runs it on PostgreSQL",
)


# serialized_rollback restores what data migrations made (groups, the site)
# after the flush, for the tests that run after this one in the same process.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_duplicate_deliveries_have_one_effect(fake_stripe, tiers, reader):
    url = billing.start_membership_checkout(
        reader, tiers["supporter"], "month", None, {"source_page_id": None, "appeal": ""}
    )
    events = fake_stripe.complete_checkout(session_id_from(url))
    deliveries = [json.dumps(event) for event in events] * 2
    barrier = threading.Barrier(len(deliveries))
    statuses: list[int] = []
    mail.outbox.clear()

    def post(payload: str) -> None:
        try:
            barrier.wait(timeout=10)
            response = Client().post(
                WEBHOOK_URL,
                data=payload,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=sign(payload),
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(p,)) for p in deliveries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200] * len(deliveries)
    assert Membership.objects.count() == 1
    assert set(StripeEvent.objects.values_list("status", flat=True)) == {"processed"}
    assert StripeEvent.objects.filter(attempts=1).count() == len(events)
    assert SentNotice.objects.filter(key__startswith="welcome:").count() == 1
    assert len([m for m in mail.outbox if "Welcome" in m.subject]) == 1
