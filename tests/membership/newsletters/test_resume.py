"""After a crash: what the timer (send_newsletter --due) picks up again, and
what a killed task can and cannot repeat."""

from datetime import timedelta

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
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


class Killed(BaseException):
    """The worker is killed (SIGKILL, out of memory) at this point."""


class KilledAfterAcceptance(EmailBackend):
    """The mail server accepts message number ``at``, then the worker dies
    before the row is marked: the one case a resume repeats."""

    at: int | None = None
    count = 0

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        KilledAfterAcceptance.count += 1
        if KilledAfterAcceptance.count == KilledAfterAcceptance.at:
            raise Killed
        return sent


def crash_and_resume(newsletter, send, resume, count: int) -> list[str]:
    emails = [f"r{i:03}@example.org" for i in range(count)]
    for address in emails:
        subscribed(address, newsletter)
    issue = make_issue(newsletter)
    send(issue)  # the task dies (the immediate backend records it as failed)
    assert len(mail.outbox) == 7
    issue.refresh_from_db()
    assert issue.status == "sending"
    KilledAfterAcceptance.at = None
    assert resume(issue).status == "sent"
    assert sorted({m.to[0] for m in mail.outbox}) == emails  # nobody lost
    return [m.to[0] for m in mail.outbox]


def test_a_kill_between_two_messages_repeats_nothing(daily, send, resume, settings, monkeypatch):
    settings.NEWSLETTER_SEND_TASKS = 1
    marks = 0
    mark = sending._mark_sent

    def mark_then_die(*args, **kwargs):
        nonlocal marks
        mark(*args, **kwargs)
        marks += 1
        if marks == 7:  # the 7th row is marked sent; the 8th is not yet handed off
            raise Killed

    monkeypatch.setattr(sending, "_mark_sent", mark_then_die)
    received = crash_and_resume(daily, send, resume, 12)
    assert len(received) == 12  # each exactly once


def test_a_kill_after_acceptance_repeats_that_one_message_only(daily, send, resume, settings):
    """The documented bound: at most one message per killed task, the one in
    flight (accepted by the server, not yet marked). Nothing else repeats."""
    settings.NEWSLETTER_SEND_TASKS = 1
    settings.NEWSLETTER_EMAIL_BACKEND = f"{__name__}.KilledAfterAcceptance"
    KilledAfterAcceptance.count, KilledAfterAcceptance.at = 0, 7
    received = crash_and_resume(daily, send, resume, 12)
    assert len(received) == 13
    assert [a for a in set(received) if received.count(a) > 1] == ["r006@example.org"]
    assert mail.outbox[6].extra_headers["Message-ID"] == mail.outbox[7].extra_headers["Message-ID"]
