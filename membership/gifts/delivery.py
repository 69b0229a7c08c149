"""Getting the claim link to the recipient: on the chosen day, then a
reminder a week before the link runs out. ``manage.py send_gift_memberships``
runs :func:`run_due` every few minutes (deploy/systemd has its timer)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from membership.gifts.emails import notify_once
from membership.gifts.models import CLAIM_VALID_FOR, GiftMembership


def deliver(gift: GiftMembership, now: datetime.datetime) -> None:
    """Send the claim email now (the caller holds the gift's row lock)."""
    gift.status = GiftMembership.Status.SENT
    gift.sent_at = now
    gift.claim_expires_at = now + CLAIM_VALID_FOR
    gift.save(update_fields=["status", "sent_at", "claim_expires_at", "updated_at"])
    notify_once(gift, "delivery")


@dataclass(frozen=True)
class Done:
    delivered: int
    reminded: int
    expired: int


def run_due(now: datetime.datetime | None = None) -> Done:
    """Deliver what is due today, remind, and close links that ran out. Each
    gift is handled in its own transaction under a row lock, re-checked once
    locked, so two runs at once send nothing twice."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    delivered = reminded = expired = 0
    for pk in GiftMembership.objects.due_for_delivery(today).values_list("pk", flat=True):
        with transaction.atomic():
            gift = GiftMembership.objects.select_for_update().due_for_delivery(today)
            gift = gift.filter(pk=pk).first()
            if gift is not None:
                deliver(gift, now)
                delivered += 1
    for pk in GiftMembership.objects.due_for_reminder(now).values_list("pk", flat=True):
        with transaction.atomic():
            gift = GiftMembership.objects.select_for_update().due_for_reminder(now)
            gift = gift.filter(pk=pk).first()
            if gift is not None:
                gift.reminded_at = now
                gift.save(update_fields=["reminded_at", "updated_at"])
                notify_once(gift, "reminder")
                reminded += 1
    expired = GiftMembership.objects.past_claim_date(now).update(
        status=GiftMembership.Status.EXPIRED, updated_at=now
    )
    return Done(delivered, reminded, expired)
