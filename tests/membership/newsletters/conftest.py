"""Newsletters: lists, readers and a helper to send an issue end to end."""

import io
import re
import socket
from collections.abc import Callable

from django.core import mail
from django.core.management import call_command

import pytest
from aiosmtpd.controller import Controller

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_for_newsletters(settings) -> Callable:
    """Start a local SMTP server (aiosmtpd, with the handler given) and send
    newsletters to it through Django's SMTP backend; stopped after the test."""
    controllers: list[Controller] = []

    def start(handler) -> Controller:
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        settings.NEWSLETTER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        return controller

    yield start
    for controller in controllers:
        controller.stop()
