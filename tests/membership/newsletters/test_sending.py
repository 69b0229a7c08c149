"""Sending an issue: one delivery per recipient, headers on every message,
members-only lists resolved at send time, resumable after a crash, never twice."""

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone

import pytest

from membership.models import Membership, User
from membership.newsletters import sending
from membership.newsletters.issues import Delivery, Issue
from tests.membership.newsletters.conftest import make_issue, subscribed

pytestmark = pytest.mark.django_db


def test_every_subscriber_gets_one_complete_message(daily, weekly, send):
    for i in range(5):
        subscribed(f"r{i}@example.org", daily, name="Ana" if i == 0 else "")
    subscribed("weekly-only@example.org", weekly)
    pending = subscribed("pending@example.org")
    pending.subscriptions.create(newsletter=daily)  # never confirmed
    issue = make_issue(daily)

    assert send(issue) == 5
    assert sorted(m.to[0] for m in mail.outbox) == [f"r{i}@example.org" for i in range(5)]
    issue.refresh_from_db()
    assert (issue.status, issue.recipients) == ("sent", 5)
    assert set(issue.deliveries.values_list("status", flat=True)) == {"sent"}
    for message in mail.outbox:
        unsubscribe, mailto = message.extra_headers["List-Unsubscribe"].split(", ")
        assert unsubscribe.startswith("<http://testserver/newsletters/unsubscribe/")
        assert mailto.startswith("<mailto:unsubscribe@")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        html = message.alternatives[0][0]
        assert 'style="' in html  # CSS inlined
        assert "utm_campaign=daily" in html
        assert "utm_content=appeal" in html
        assert unsubscribe[1:-1] in message.body
        assert unsubscribe[1:-1] in html
        assert "/newsletters/manage/" in message.body
        assert 'href="http://testserver/about/' in html  # rich text links made absolute
    ana = next(m for m in mail.outbox if m.to == ["r0@example.org"])
    assert "Hello Ana," in ana.body
    assert "Hello," in mail.outbox[1].body


def test_a_second_send_sends_nothing(daily, send, django_capture_on_commit_callbacks):
    subscribed("r@example.org", daily)
    issue = make_issue(daily)
    send(issue)
    assert send(issue) == 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_newsletter", "daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert Delivery.objects.count() == 1


def test_members_only_goes_to_members_active_at_send_time(briefing, subscribe, send, tiers):
    member = User.objects.create_user("member@example.org")
    lapsed = User.objects.create_user("lapsed@example.org")
    reader = User.objects.create_user("reader@example.org")
    subscribe(member)
    old, _ = subscribe(lapsed)
    for user in (member, lapsed, reader):
        subscribed(user.email, briefing, user=user)
    Membership.objects.filter(pk=old.pk).update(
        status=Membership.Status.CANCELED, ended_at=timezone.now()
    )
    mail.outbox.clear()  # the welcome emails

    send(make_issue(briefing))
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


def test_tiers_narrow_a_members_only_list(briefing, subscribe, send, tiers):
    briefing.tiers.set([tiers["sustainer"]])
    supporter = User.objects.create_user("supporter@example.org")
    subscribe(supporter, "supporter")
    subscribed(supporter.email, briefing, user=supporter)
    mail.outbox.clear()
    send(make_issue(briefing))
    assert mail.outbox == []


class Crash(BaseException):
    """The worker dies (a kill, a redeploy) in the middle of a send."""


class CrashingBackend(EmailBackend):
    handed_off = 0
    crash_at: int | None = None

    def send_messages(self, messages):
        if CrashingBackend.handed_off == CrashingBackend.crash_at:
            raise Crash
        CrashingBackend.handed_off += 1
        return super().send_messages(messages)


def test_a_crash_mid_send_resumes_without_duplicates_or_gaps(daily, send, resume, settings):
    settings.NEWSLETTER_EMAIL_BACKEND = f"{__name__}.CrashingBackend"
    settings.NEWSLETTER_SEND_TASKS = 1  # one worker, killed once
    emails = [f"r{i:03}@example.org" for i in range(450)]  # more than one claimed batch
    for email in emails:
        subscribed(email, daily)
    issue = make_issue(daily)
    CrashingBackend.handed_off, CrashingBackend.crash_at = 0, 230

    send(issue)  # the task dies at message 231
    statuses = list(issue.deliveries.values_list("status", flat=True))
    assert statuses.count("sent") == 230
    # The rest of the claimed batch is "sending" (claimed by a task that is gone),
    # the others still queued.
    assert statuses.count("sending") == sending.BATCH - 230 % sending.BATCH
    assert statuses.count("queued") == 450 - 230 - statuses.count("sending")
    assert len(mail.outbox) == 230
    issue.refresh_from_db()
    assert issue.status == "sending"

    CrashingBackend.crash_at = None
    assert resume(issue).status == "sent"
    assert sorted(m.to[0] for m in mail.outbox) == emails  # each exactly once


def test_a_failed_delivery_is_recorded_and_retried(daily, send, settings):
    settings.NEWSLETTER_EMAIL_BACKEND = f"{__name__}.FailingOnceBackend"
    subscribed("a@example.org", daily)
    subscribed("b@example.org", daily)
    issue = make_issue(daily)
    FailingOnceBackend.failed = False
    send(issue)
    assert sorted(issue.deliveries.values_list("status", flat=True)) == ["failed", "sent"]
    issue.refresh_from_db()
    assert issue.status == "sent"
    assert sending.progress(issue)["failed"] == 1
    assert sending.retry_failed(issue) == 1


class FailingOnceBackend(EmailBackend):
    failed = False

    def send_messages(self, messages):
        if not FailingOnceBackend.failed:
            FailingOnceBackend.failed = True
            raise OSError("connection refused")
        return super().send_messages(messages)


def test_send_newsletter_sends_the_next_ready_issue_then_nothing(
    daily, django_capture_on_commit_callbacks
):
    subscribed("r@example.org", daily)
    draft = make_issue(daily, "Draft")
    draft.status = Issue.Status.DRAFT
    draft.save()
    ready = make_issue(daily, "Ready")
    out = open("/dev/null", "w")  # noqa: SIM115
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_newsletter", "daily", stdout=out)
    assert [m.subject for m in mail.outbox] == ["Ready"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_newsletter", "daily", stdout=out)
    assert len(mail.outbox) == 1
    ready.refresh_from_db()
    draft.refresh_from_db()
    assert (ready.status, draft.status) == ("sent", "draft")


def test_suppressed_and_unsubscribed_addresses_get_nothing(daily, weekly, send):
    bounced = subscribed("bounced@example.org", daily, weekly)
    bounced.suppress("bounced")
    left = subscribed("left@example.org", daily)
    left.subscriptions.get().unsubscribe("test")
    subscribed("ok@example.org", daily, weekly)
    send(make_issue(daily))
    send(make_issue(weekly))
    assert sorted(m.to[0] for m in mail.outbox) == ["ok@example.org", "ok@example.org"]
