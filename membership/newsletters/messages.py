"""One issue's messages, one per recipient, from a single render.

``Composer`` renders the issue once and makes each recipient's message by
replacing placeholders (``rendering.values`` and ``fill``). For Django's SMTP
backend it also prepares the MIME bytes from a skeleton built once
(``mime.py``), so no message goes through Python's ``email`` package; ESP
backends (anymail) read the message's fields as usual.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend

from membership.newsletters import rendering
from membership.newsletters.mime import PreparedEmail, Skeleton


def message_id(issue_id: int, subscriber_id: int) -> str:
    """Stable per issue and recipient: a message sent twice is recognisably the same."""
    domain = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"<newsletter.{issue_id}.{subscriber_id}@{domain}>"


class Composer:
    def __init__(self, issue, connection=None) -> None:
        self.issue = issue
        self.rendered = rendering.render_issue(issue)
        self.skeleton = None
        if isinstance(connection, SMTPBackend):
            placeholders = (rendering.UNSUBSCRIBE, rendering.MANAGE, rendering.GREETING)
            self.skeleton = Skeleton(
                self.rendered.subject,
                issue.newsletter.from_email,
                self.rendered.text,
                self.rendered.html,
                placeholders,
            )

    def message(self, subscriber_id: int, email: str, name: str) -> EmailMultiAlternatives:
        newsletter_id = self.issue.newsletter_id
        urls, text_values, html_values = rendering.values(
            self.rendered, subscriber_id, name, newsletter_id
        )
        mid = message_id(self.issue.pk, subscriber_id)
        list_unsubscribe = (f"<{urls['unsubscribe']}>", f"<{urls['mailto']}>")
        message = PreparedEmail(
            subject=self.rendered.subject,
            body=rendering.fill(self.rendered.text, text_values),
            from_email=self.issue.newsletter.from_email,
            to=[email],
            headers={
                "List-Unsubscribe": ", ".join(list_unsubscribe),
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Message-ID": mid,
            },
        )
        message.attach_alternative(rendering.fill(self.rendered.html, html_values), "text/html")
        if self.skeleton is not None:
            message.raw = self.skeleton.fill(
                email, mid, list_unsubscribe, text_values, html_values
            )
        return message
