"""After a crash: what the timer (send_newsletter --due) picks up again, and
what a killed task can and cannot repeat."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from membership.newsletters import sending
from membership.newsletters.issues import Delivery, Issue
from tests.membership.newsletters.conftest import make_issue, subscribed

pytestmark = pytest.mark.django_db


def half_sent(newsletter, claimed_ago: timedelta) -> Issue:
    """An issue whose worker died: one row sent, one claimed, one queued."""
    issue = make_issue(newsletter)
    issue.status, issue.started_at = Issue.Status.SENDING, timezone.now() - claimed_ago
    issue.save()
    rows = [subscribed(f"r{i}@example.org", newsletter) for i in range(3)]
    claimed = timezone.now() - claimed_ago
    for subscriber, status in zip(rows, ("sent", "sending", "queued"), strict=True):
        Delivery.objects.create(
            issue=issue, subscriber=subscriber, status=status, claimed_at=claimed
        )
    return issue


def test_the_timer_resumes_a_send_a_crash_stalled(daily, django_capture_on_commit_callbacks):
    issue = half_sent(daily, timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_newsletter", "--due", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(m.to[0] for m in mail.outbox) == ["r1@example.org", "r2@example.org"]
    issue.refresh_from_db()
    assert issue.status == "sent"


def test_the_timer_leaves_a_live_send_alone(daily, django_capture_on_commit_callbacks):
    half_sent(daily, timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.send_due() == []
    assert mail.outbox == []
    assert Delivery.objects.filter(status="sending").count() == 1


def test_a_paced_claim_holds_at_most_a_minute_of_sending(settings):
    settings.NEWSLETTER_SEND_RATE = 0
    assert sending._Pace().claim_size() == sending.BATCH
    settings.NEWSLETTER_SEND_RATE = 1
    assert sending._Pace().claim_size() == 60
    settings.NEWSLETTER_SEND_RATE = 1000
    assert sending._Pace().claim_size() == sending.BATCH
