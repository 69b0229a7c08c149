"""What a sending task costs the database: one query per message (its *sent*
mark), whatever else the message needs. The sender's name (the site's name,
two queries) is read once per task, not once per message: it was, and made
3,011 queries per 1,000 messages in `make bench-newsletter`."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from membership.branding import site_name
from membership.newsletters import sending
from tests.membership.newsletters.conftest import make_issue, subscribed

pytestmark = pytest.mark.django_db

# Per task, whatever the recipients: the issue (1); the site and its settings
# for the sender's name (2) and again for the site's name in the issue's
# footer (2); a claim (savepoint, select, mark sending, release: 4); the claim
# that finds nothing (savepoint, select, release: 3); finish (are any left,
# mark the issue sent: 2); on PostgreSQL also synchronous_commit set and
# reset (2). (The savepoints are the claim's transaction inside the test's.)
PER_TASK = 14 + (2 if connection.vendor == "postgresql" else 0)


def queries_to_send(newsletter, count: int, start: int = 0) -> int:
    for i in range(start, start + count):
        subscribed(f"r{i}@example.org", newsletter)
    issue = make_issue(newsletter)
    sending.start(issue)  # the deliveries; the task is not run (no commit in a test)
    with CaptureQueriesContext(connection) as queries:
        assert sending.deliver_issue.call(issue.pk) == count
    issue.refresh_from_db()
    assert issue.status == "sent"
    return len(queries)


def test_one_query_per_message(daily, weekly):
    site_name()  # makes the site's settings row, once for the site's life
    assert queries_to_send(daily, 3) == PER_TASK + 3
    assert queries_to_send(weekly, 12, start=3) == PER_TASK + 12
