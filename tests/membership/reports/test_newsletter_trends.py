"""Newsletter subscribers by month: hand-counted figures, the SVG charts (the
audience reports' chart code), the CSV export, who may see it, one query."""

import csv
import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from membership.months import Month
from membership.newsletters.models import Newsletter, Subscriber, Subscription
from membership.reports.newsletter_trends import subscriber_series

pytestmark = pytest.mark.django_db

URL = "/admin/reports/newsletters/by-month/"


def at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 12, tzinfo=timezone.get_current_timezone())


def on_list(newsletter, email, consent=None, unsubscribed=None, suppressed=None):
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    if suppressed:
        subscriber.suppressed, subscriber.suppressed_at = "bounced", suppressed
        subscriber.save()
    status = "unsubscribed" if unsubscribed else ("subscribed" if consent else "pending")
    Subscription.objects.create(
        subscriber=subscriber,
        newsletter=newsletter,
        status=status,
        consent_at=consent,
        unsubscribed_at=unsubscribed,
    )


@pytest.fixture
def lists(db):
    """Now is 15 June 2026. The Daily: A since March; B from 20 April to 5 May;
    C from 10 May, bounced 2 June; D never confirmed; E from 10 June. The
    Weekly: F from 15 May. Hand-counted at the end of April, May and (as of
    now) June: The Daily 2 (A, B), 2 (A, C), 2 (A, E); The Weekly 0, 1, 1."""
    daily = Newsletter.objects.create(name="The Daily", slug="daily")
    weekly = Newsletter.objects.create(name="The Weekly", slug="weekly", sort_order=1)
    gone = Newsletter.objects.create(name="Retired", slug="retired", active=False)
    on_list(daily, "a@example.org", consent=at(2026, 3, 10))
    on_list(daily, "b@example.org", consent=at(2026, 4, 20), unsubscribed=at(2026, 5, 5))
    on_list(daily, "c@example.org", consent=at(2026, 5, 10), suppressed=at(2026, 6, 2))
    on_list(daily, "d@example.org")
    on_list(daily, "e@example.org", consent=at(2026, 6, 10))
    on_list(weekly, "f@example.org", consent=at(2026, 5, 15))
    on_list(gone, "a@example.org", consent=at(2026, 3, 10))
    return daily, weekly


def test_subscribers_at_each_month_end_by_hand(lists):
    daily, weekly = lists
    points = subscriber_series([daily, weekly], 3, now=at(2026, 6, 15))
    assert [p.month for p in points] == [Month(2026, 4), Month(2026, 5), Month(2026, 6)]
    assert [p.subscribers[daily.pk] for p in points] == [2, 2, 2]
    assert [p.subscribers[weekly.pk] for p in points] == [0, 1, 1]
    assert points[-1].as_of == at(2026, 6, 15)


def test_a_list_nobody_joined_is_all_zeros(db):
    empty = Newsletter.objects.create(name="Empty", slug="empty")
    points = subscriber_series([empty], 12, now=at(2026, 6, 15))
    assert [p.subscribers[empty.pk] for p in points] == [0] * 12


def test_one_query_whatever_the_months(lists):
    daily, weekly = lists
    with CaptureQueriesContext(connection) as queries:
        subscriber_series([daily, weekly], 24, now=at(2026, 6, 15))
    assert len(queries) == 1  # one aggregate, a Count per month, grouped by list


def test_the_report_draws_a_chart_per_list_and_exports_csv(client, staff_in, lists):
    daily, _ = lists
    this_month = Month.containing(timezone.now())
    on_list(daily, "new@example.org", consent=timezone.now() - datetime.timedelta(seconds=5))
    client.force_login(staff_in("Editors"))  # numbers only: Editors too
    html = client.get(URL).content.decode()
    assert html.count('class="audience-chart__svg"') == 2  # The Daily and The Weekly
    assert "The Daily: subscribers at the end of each month" in html
    assert "Retired" not in html
    response = client.get(URL + "?months=24&export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 24
    assert rows[-1]["Month"] == this_month.key
    assert (rows[-1]["The Daily"], rows[-1]["The Weekly"]) == ("3", "1")  # A, E, new; F


def test_readers_get_nothing(client, reader, lists):
    client.force_login(reader)
    assert client.get(URL).status_code in (302, 403)
