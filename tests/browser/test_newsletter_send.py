"""The admin's send page while an issue is sending: with JavaScript, the
progress updates itself (static/js/newsletter-progress.js fetches the
fragment every 3 seconds) and stops polling once the issue is sent; without
it, the Refresh link reloads the page with the new figures."""

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from membership.newsletters.issues import Delivery, Issue
from membership.newsletters.models import Newsletter, Subscriber
from tests.browser.conftest import BROWSER_DB
from tests.browser.test_editorial import sign_in_to_admin
from tests.browser.test_newsletters import outside_the_event_loop

pytestmark = BROWSER_DB


def sending_issue(subject: str) -> int:
    """An issue a worker is sending: one of three deliveries sent so far."""
    issue = Issue.objects.create(
        newsletter=Newsletter.objects.get(slug="daily"),
        subject=subject,
        status=Issue.Status.SENDING,
        started_at=timezone.now(),
        recipients=3,
    )
    for number, subscriber in enumerate(Subscriber.objects.order_by("pk")[:3]):
        status = Delivery.Status.SENT if number == 0 else Delivery.Status.QUEUED
        Delivery.objects.create(issue=issue, subscriber=subscriber, status=status)
    return issue.pk


def worker_finishes(issue_id: int) -> None:
    """What the sending task does for the rest: marks each row, then the issue."""
    Delivery.objects.filter(issue_id=issue_id).update(status=Delivery.Status.SENT)
    Issue.objects.filter(pk=issue_id).update(status=Issue.Status.SENT, sent_at=timezone.now())


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_send_page_progress_follows_the_send(context_factory, demo_site, javascript):
    issue_id = outside_the_event_loop(lambda: sending_issue(f"Progress ({javascript=})"))
    page = context_factory(java_script_enabled=javascript).new_page()
    sign_in_to_admin(page, demo_site, "editor@example.org")
    polls = []
    page.on("request", lambda r: polls.append(r.url) if "/progress/" in r.url else None)
    page.goto(demo_site(f"/admin/newsletters/send/{issue_id}/send/"))
    progress = page.locator("#send-progress")
    expect(progress).to_contain_text("1 sent of 3")
    expect(progress).to_contain_text("Status: sending")
    expect(progress).to_have_attribute(
        "data-poll", f"/admin/newsletters/send/{issue_id}/progress/"
    )

    outside_the_event_loop(lambda: worker_finishes(issue_id))
    if javascript:
        page.evaluate("window.notReloaded = true")
        expect(progress).to_contain_text("3 sent of 3")  # within a poll or two
        expect(progress).to_contain_text("Status: sent")
        expect(progress).not_to_have_attribute(
            "data-poll", f"/admin/newsletters/send/{issue_id}/progress/"
        )
        assert page.evaluate("window.notReloaded") is True  # swapped in, not reloaded
        count = len(polls)
        page.wait_for_timeout(4000)  # longer than the interval: no poll after "sent"
        assert len(polls) == count
        assert page.get_by_role("link", name="Refresh").count() == 0
    else:
        page.wait_for_timeout(4000)  # nothing polls without JavaScript
        assert polls == []
        expect(progress).to_contain_text("1 sent of 3")
        page.get_by_role("link", name="Refresh").click()
        expect(progress).to_contain_text("3 sent of 3")
        expect(progress).to_contain_text("Status: sent")
