"""Email goes through background tasks; failed tasks are retried and visible.

The mail server is "unavailable" by pointing SMTP at a closed loopback port.
"""

import email
import email.policy
import socket
import socketserver
import threading
from datetime import timedelta
from io import StringIO

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from newsroom.mail import deliver_email

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SMTP = "django.core.mail.backends.smtp.EmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def closed_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "newsroom.mail.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_loopback_port()
    settings.EMAIL_TIMEOUT = 2
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    return settings


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(email="editor@example.com", password="x")


def request_password_reset(client) -> None:
    # A password reset through allauth (the sign-in readers and staff share).
    response = client.post("/accounts/password/reset/", {"email": "editor@example.com"})
    assert response.status_code == 302, response.content[:500]
    assert response["Location"].endswith("/accounts/password/reset/done/")


@pytest.fixture(autouse=True)
def worker_keeps_the_test_connection(monkeypatch):
    # The real worker calls close_old_connections() between tasks, which on
    # PostgreSQL closes the connection holding the test's transaction. Inside
    # a test there is nothing stale to close, so that call is skipped.
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker() -> None:
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


def test_request_succeeds_while_the_mail_server_is_down(
    client, editor, smtp_down, django_capture_on_commit_callbacks, caplog
):
    # Immediate backend (development): delivery runs after commit and fails,
    # but as a failed task, logged, never as an error page for the reader.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request_password_reset(client)
    assert len(callbacks) == 1
    assert mail.outbox == []
    [failure] = [r for r in caplog.records if r.name == "django_tasks" and r.levelname == "ERROR"]
    assert "newsroom.mail.deliver_email" in failure.getMessage()
    assert "FAILED" in failure.getMessage()


@override_settings(TASKS=DATABASE_TASKS)
def test_failed_delivery_is_recorded_then_retried_until_it_succeeds(
    client, editor, smtp_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_password_reset(client)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "newsroom.mail.deliver_email"
    assert queued.status == "READY"

    run_worker()  # the mail server is down
    queued.refresh_from_db()
    assert queued.status == "FAILED"
    assert queued.exception_class_path == "builtins.ConnectionRefusedError"

    listing = StringIO()
    call_command("retry_failed_tasks", "--list", stdout=listing)
    assert str(queued.pk) in listing.getvalue()
    assert "attempts=1 (will retry)" in listing.getvalue()

    # Within the back-off nothing happens; after it, the task is queued again.
    call_command("retry_failed_tasks", stdout=StringIO())
    queued.refresh_from_db()
    assert queued.status == "FAILED"
    DBTaskResult.objects.update(finished_at=timezone.now() - timedelta(minutes=2))
    call_command("retry_failed_tasks", stdout=StringIO())
    queued.refresh_from_db()
    assert queued.status == "READY"

    # The mail server is back: the same task delivers the same message.
    smtp_down.EMAIL_DELIVERY_BACKEND = LOCMEM
    run_worker()
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert len(queued.worker_ids) == 2
    [sent] = mail.outbox
    assert sent.recipients() == ["editor@example.com"]
    assert "password" in sent.message().as_string().lower()


@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_that_keeps_failing_is_left_for_a_person(smtp_down):
    result = deliver_email.enqueue("", "a@example.com", ["b@example.com"])
    for _ in range(3):
        run_worker()
        DBTaskResult.objects.update(finished_at=timezone.now() - timedelta(days=1))
        call_command("retry_failed_tasks", "--max-attempts", "3", stdout=StringIO())
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "FAILED"
    assert len(row.worker_ids) == 3
    err = StringIO()
    call_command("retry_failed_tasks", "--max-attempts", "3", stdout=StringIO(), stderr=err)
    assert "need attention" in err.getvalue()
    # A person can still push it through by id.
    call_command("retry_failed_tasks", "--id", str(result.id), stdout=StringIO())
    row.refresh_from_db()
    assert row.status == "READY"


@override_settings(TASKS=DATABASE_TASKS)
@pytest.mark.parametrize("bad_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "\x00"])
def test_retrying_an_unknown_task_is_a_clear_error(bad_id):
    with pytest.raises(CommandError, match="No failed task"):
        call_command("retry_failed_tasks", "--id", bad_id, stdout=StringIO())


def test_email_is_queued_only_when_its_transaction_commits(
    settings, django_capture_on_commit_callbacks
):
    from django.db import transaction

    settings.EMAIL_BACKEND = "newsroom.mail.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = LOCMEM

    def send_then_fail() -> None:
        with transaction.atomic():
            mail.send_mail("Rolled back", "body", None, ["reader@example.com"])
            raise RuntimeError("roll back")

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            send_then_fail()
        mail.send_mail("Committed", "body", None, ["reader@example.com"])
    assert [m.subject for m in mail.outbox] == ["Committed"]


class _SMTPSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept one message per session, on loopback."""

    def handle(self) -> None:
        envelope: dict = {"rcpt": []}
        self.wfile.write(b"220 sink\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 sink\r\n")
            elif verb == b"MAIL":
                envelope["from"] = line.split(b":", 1)[1].strip()
                self.wfile.write(b"250 ok\r\n")
            elif verb == b"RCPT":
                envelope["rcpt"].append(line.split(b":", 1)[1].strip())
                self.wfile.write(b"250 ok\r\n")
            elif verb == b"DATA":
                self.wfile.write(b"354 go\r\n")
                data = b"".join(iter(self.rfile.readline, b".\r\n"))
                self.server.received.append({**envelope, "data": data})
                self.wfile.write(b"250 queued\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture
def smtp_sink(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPSink)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "newsroom.mail.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    yield server.received
    server.shutdown()
    server.server_close()


def test_the_task_delivers_the_composed_message_over_smtp(
    smtp_sink, django_capture_on_commit_callbacks
):
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(
        "Ünïcode subject",
        "Plain body\nFrom the start of a line",
        "Newsroom <news@example.org>",
        ["reader@example.org"],
        bcc=["audit@example.org"],
    )
    message.attach_alternative("<p>HTML body</p>", "text/html")
    message.attach("note.txt", "attached text", "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        assert message.send() == 1
    [received] = smtp_sink
    assert received["from"] == b"<news@example.org>"
    assert received["rcpt"] == [b"<reader@example.org>", b"<audit@example.org>"]
    parsed = email.message_from_bytes(received["data"], policy=email.policy.default)
    assert parsed["Subject"] == "Ünïcode subject"
    assert "Bcc" not in parsed
    assert [part.get_content_type() for part in parsed.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/plain",
    ]
    assert "From the start of a line" in parsed.get_body(("plain",)).get_content()
