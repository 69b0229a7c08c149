"""The batch claim is planned from fresh statistics: starting a send has
PostgreSQL sample the deliveries it just created and the list's
subscriptions (``sending.refresh_statistics``). Without it a big send's
claims sorted every queued row and scanned the subscriptions per recipient."""

from django.db import connection

import pytest

from membership.newsletters.issues import Delivery
from membership.newsletters.models import Subscription
from tests.membership.newsletters.conftest import make_issue, subscribed

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics"),
]


def estimated_rows(model) -> float:
    """What the planner believes the table holds (``pg_class.reltuples``),
    as of the table's last ANALYZE, whatever has been inserted since."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table])
        return cursor.fetchone()[0]


def test_starting_a_send_gives_the_planner_the_rows_it_created(daily, send):
    for n in range(37):
        subscribed(f"r{n}@example.org", daily)
    issue = make_issue(daily)
    assert estimated_rows(Subscription) != 37
    send(issue)
    assert Delivery.objects.count() == 37
    assert estimated_rows(Delivery) == 37
    assert estimated_rows(Subscription) == 37
