"""Helpers for driving the real allauth views through the test client.

Account emails leave on commit (through a task). Each test runs inside a
transaction that never commits, so requests that send mail run inside
``django_capture_on_commit_callbacks(execute=True)``, as a committed request would.
"""

import re

from django.core import mail

import pytest
from allauth.account.models import EmailAddress

from membership.models import User

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """``send("post", url, data)``: a request whose on-commit work (email) runs."""

    def _send(method: str, url: str, data: dict | None = None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return getattr(client, method)(url, data or {}, **kwargs)

    return _send


def make_reader(email: str = "reader@example.org", password: str | None = PASSWORD, **extra):
    user = User.objects.create_user(email=email, password=password, **extra)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def reader(db) -> User:
    return make_reader(first_name="Olena", last_name="Shevchuk")


@pytest.fixture
def signed_in(client, reader) -> User:
    """The reader, signed in through allauth's password form just now (so no
    reauthentication is due)."""
    response = client.post("/accounts/login/", {"login": reader.email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return reader


def last_email() -> mail.EmailMultiAlternatives:
    assert mail.outbox, "no email was sent"
    return mail.outbox[-1]


def code_in(message) -> str:
    """The one-time code printed on a line of its own in an allauth email."""
    match = re.search(r"^\s*([A-Z0-9]{3,5}(?:-[A-Z0-9]{3,5})+)\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def link_in(message, path_prefix: str) -> str:
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"\S+)", message.body)
    assert match, message.body
    return match.group(1)
