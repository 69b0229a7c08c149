"""Emails caused by Stripe's state, sent at most once each."""

from django.db import transaction

from membership import emails
from membership.models import SentNotice


def notify_once(key: str, kind: str, object_id: int) -> bool:
    """Send email ``kind`` after commit, unless ``key`` was already sent."""
    _, created = SentNotice.objects.get_or_create(key=key)
    if created:
        transaction.on_commit(lambda: emails.send_notice.enqueue(kind, object_id))
    return created
