"""Newsletters: lists, readers and a helper to send an issue end to end."""

import io
import re
from collections.abc import Callable

from django.core import mail
from django.core.management import call_command

import pytest

from membership.newsletters import sending
from membership.newsletters.issues import Issue
from membership.newsletters.models import Newsletter, Subscriber, Subscription
from tests.membership.reports.conftest import staff_in  # noqa: F401  (a fixture for these tests)


@pytest.fixture
def daily(db) -> Newsletter:
    return Newsletter.objects.create(
        name="The Daily", slug="daily", description="Every morning.", cadence="Weekdays"
    )


@pytest.fixture
def weekly(db) -> Newsletter:
    return Newsletter.objects.create(name="The Weekly", slug="weekly", sort_order=1)


@pytest.fixture
def briefing(db) -> Newsletter:
    return Newsletter.objects.create(
        name="Members' briefing", slug="briefing", audience=Newsletter.Audience.MEMBERS
    )


def subscribed(email: str, *newsletters: Newsletter, user=None, name: str = "") -> Subscriber:
    subscriber = Subscriber.objects.create(email=email, user=user, name=name)
    for newsletter in newsletters:
        Subscription(subscriber=subscriber, newsletter=newsletter).confirm("admin", "/tests/")
    return subscriber


def make_issue(newsletter: Newsletter, subject: str = "Today's news") -> Issue:
    return Issue.objects.create(
        newsletter=newsletter,
        subject=subject,
        status=Issue.Status.READY,
        body=[
            ("intro", '<p>Good morning. <a href="/about/">About us</a></p>'),
            ("appeal", {"heading": "Fund us", "text": "Please.", "button_label": "Join"}),
        ],
    )


@pytest.fixture
def send(django_capture_on_commit_callbacks) -> Callable:
    """Send an issue as the admin's button does, tasks run after commit."""

    def run(issue: Issue) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return sending.start(issue)

    return run


@pytest.fixture
def resume(django_capture_on_commit_callbacks) -> Callable:
    """Resume a stalled send as the periodic job does (``send_newsletter``,
    every claim counted as stale), tasks run after commit; the issue reread."""

    def run(issue: Issue) -> Issue:
        with django_capture_on_commit_callbacks(execute=True):
            call_command(
                "send_newsletter", issue.newsletter.slug, "--stale-after=0", stdout=io.StringIO()
            )
        issue.refresh_from_db()
        return issue

    return run


def link(message, pattern: str) -> str:
    found = re.search(rf"http://testserver{pattern}", message.body)
    assert found, message.body
    return found.group(0).removeprefix("http://testserver")


def outbox_to(email: str) -> list:
    return [m for m in mail.outbox if m.to == [email]]
