"""Account emails leave through Django's task framework, after the commit."""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from django_tasks import task


@task()
def send_email(
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send one rendered email. Arguments are plain JSON so any backend works."""
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def send_email_on_commit(message: EmailMultiAlternatives) -> None:
    """Queue ``message`` once the current transaction commits (at once outside one).

    A rolled-back request sends nothing, and a slow mail server delays a
    worker, not the reader's request, once TASKS names a worker backend.
    """
    html = next(
        (content for content, mimetype in message.alternatives if mimetype == "text/html"),
        None,
    )
    kwargs = {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "html": html,
        "headers": dict(message.extra_headers) or None,
    }
    transaction.on_commit(lambda: send_email.enqueue(**kwargs))
