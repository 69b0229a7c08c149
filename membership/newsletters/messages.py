"""One issue's messages, one per recipient, from a single render.

``Composer`` renders the issue once (and reads the sender once: the site's
name behind it is two queries) and makes each recipient's message by
replacing placeholders (``rendering.values`` and ``fill``). ``Handoff`` gives
each message to the task's mail connection. For Django's SMTP backend it
hands the server the recipient's MIME bytes, filled in from a skeleton built
once (``mime.py``) on the connection the backend opened, pipelined when the
server offers it (``pipelining.py``), so no message goes through Python's
``email`` package or a message object; ESP backends
(anymail) get an ordinary message and read its fields.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address

from membership.newsletters import pipelining, rendering
from membership.newsletters.mime import Skeleton


def message_id(issue_id: int, subscriber_id: int) -> str:
    """Stable per issue and recipient: a message sent twice is recognisably the same."""
    domain = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"<newsletter.{issue_id}.{subscriber_id}@{domain}>"


class Composer:
    def __init__(self, issue, smtp: bool = False) -> None:
        self.issue = issue
        self.from_email = issue.newsletter.from_email
        self.rendered = rendering.render_issue(issue)
        self.skeleton = None
        if smtp:
            placeholders = (rendering.UNSUBSCRIBE, rendering.MANAGE, rendering.GREETING)
            self.skeleton = Skeleton(
                self.rendered.subject,
                self.from_email,
                self.rendered.text,
                self.rendered.html,
                placeholders,
            )

    def _personal(self, subscriber_id: int, name: str):
        urls, text_values, html_values = rendering.values(
            self.rendered, subscriber_id, name, self.issue.newsletter_id
        )
        list_unsubscribe = (f"<{urls['unsubscribe']}>", f"<{urls['mailto']}>")
        return message_id(self.issue.pk, subscriber_id), list_unsubscribe, text_values, html_values

    def raw(self, subscriber_id: int, email: str, name: str) -> bytes | None:
        """The recipient's MIME bytes from the skeleton; None: use ``message``."""
        if self.skeleton is None:
            return None
        return self.skeleton.fill(email, *self._personal(subscriber_id, name))

    def message(self, subscriber_id: int, email: str, name: str) -> EmailMultiAlternatives:
        mid, list_unsubscribe, text_values, html_values = self._personal(subscriber_id, name)
        message = EmailMultiAlternatives(
            subject=self.rendered.subject,
            body=rendering.fill(self.rendered.text, text_values),
            from_email=self.from_email,
            to=[email],
            headers={
                "List-Unsubscribe": ", ".join(list_unsubscribe),
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Message-ID": mid,
            },
        )
        message.attach_alternative(rendering.fill(self.rendered.html, html_values), "text/html")
        return message


class Handoff:
    """One sending task's messages to its mail connection, opened once and kept."""

    def __init__(self, issue, connection) -> None:
        self.connection = connection
        # Django's own SMTP backend, not a subclass that may do more per message.
        self.smtp = type(connection) is SMTPBackend
        self.composer = Composer(issue, smtp=self.smtp)
        self.envelope_from = sanitize_address(self.composer.from_email, settings.DEFAULT_CHARSET)

    def send(self, subscriber_id: int, email: str, name: str) -> str:
        """Hand one recipient's message over; returns the ESP's message id, if any.
        Raises when the server or the ESP refuses it."""
        self.connection.open()  # a no-op while open
        raw = self.composer.raw(subscriber_id, email, name)
        if raw is not None:
            # What the backend's send_messages would do, less a message object:
            # its smtplib connection, the envelope as it would sanitize it;
            # pipelined when the server offers it (two round trips, not four).
            pipelining.sendmail(self.connection.connection, self.envelope_from, email, raw)
            return ""
        message = self.composer.message(subscriber_id, email, name)
        self.connection.send_messages([message])
        status = getattr(message, "anymail_status", None)
        return str(getattr(status, "message_id", "") or "")[:255] if status else ""
