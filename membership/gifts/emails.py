"""The gift's emails, from the site's name like every membership email, sent
once each (a :class:`SentNotice` key inserted with the change that causes it)
through Django's task framework after commit."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from django_tasks import task

from membership import branding
from membership.gifts.models import GiftMembership
from membership.models import SentNotice

SUBJECTS = {
    "bought": "Your gift membership",
    "delivery": "You've been given a membership",
    "reminder": "Your gift membership is waiting: a week left to claim it",
}


def claim_url(gift: GiftMembership) -> str:
    return settings.SITE_URL + reverse("membership:gift_claim", args=[gift.claim_token])


def notify_once(gift: GiftMembership, kind: str) -> bool:
    """Send email ``kind`` about ``gift`` after commit, once ever."""
    _, created = SentNotice.objects.get_or_create(key=f"gift-membership-{kind}:{gift.pk}")
    if created:
        transaction.on_commit(lambda: send_gift_email.enqueue(kind, gift.pk))
    return created


@task()
def send_gift_email(kind: str, gift_id: int) -> None:
    gift = GiftMembership.objects.select_related("tier").filter(pk=gift_id).first()
    if gift is None:
        return
    to = gift.buyer_email if kind == "bought" else gift.recipient_email
    if not to:
        return
    context = {
        "gift": gift,
        "claim_url": claim_url(gift),
        "account_url": settings.SITE_URL + reverse("membership:account"),
    }
    branding.send(to, SUBJECTS[kind], f"membership/email/gift_membership_{kind}", context)
