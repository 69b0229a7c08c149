"""Send email through the task framework, after the transaction commits.

With ``EMAIL_BACKEND = "newsroom.mail.TaskEmailBackend"`` every email the
project or a library sends (allauth, Wagtail notifications, password resets)
is turned into a ``deliver_email`` task once the surrounding transaction
commits. The request that caused it never waits for, or fails because of, the
mail server; a delivery that fails is a failed task, which the worker records
and ``manage.py retry_failed_tasks`` puts back in the queue.

The task carries the finished MIME message (bytes, base64) plus envelope
sender and recipients, so what is delivered is exactly what was composed.
``EMAIL_DELIVERY_BACKEND`` (from ``EMAIL_URL``) does the actual sending.
"""

import base64
import email
import logging
from collections.abc import Sequence
from email.message import Message

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import MIMEMixin
from django.db import transaction

from django_tasks import task

logger = logging.getLogger("newsroom.mail")


class _ParsedMessage(MIMEMixin, Message):
    """A parsed MIME message that the delivery backends can serialise again."""


class ComposedEmail(EmailMessage):
    """An email that is already composed: its MIME message is sent as is."""

    def __init__(self, raw: bytes, from_email: str, recipients: Sequence[str]) -> None:
        super().__init__(from_email=from_email, to=list(recipients))
        self._parsed = email.message_from_bytes(raw, _class=_ParsedMessage)
        self.subject = str(self._parsed.get("Subject", ""))

    def message(self) -> Message:  # type: ignore[override]
        return self._parsed


@task()
def deliver_email(raw_b64: str, from_email: str, recipients: list[str]) -> int:
    """Send one composed email with the delivery backend; raising marks the task failed."""
    message = ComposedEmail(base64.b64decode(raw_b64), from_email, recipients)
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    return connection.send_messages([message]) or 0


class TaskEmailBackend(BaseEmailBackend):
    """Queues each message as a ``deliver_email`` task after commit."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        queued = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            raw = message.message().as_bytes(linesep="\n")
            args = (
                base64.b64encode(raw).decode("ascii"),
                message.from_email or settings.DEFAULT_FROM_EMAIL,
                list(recipients),
            )
            transaction.on_commit(lambda args=args: _enqueue(*args))
            queued += 1
        return queued


def _enqueue(raw_b64: str, from_email: str, recipients: list[str]) -> None:
    result = deliver_email.enqueue(raw_b64, from_email, recipients)
    logger.info("Email to %d recipient(s) queued as task %s", len(recipients), result.id)
