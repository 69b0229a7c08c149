"""The webhooks' side of a gift membership: a paid Checkout Session becomes a
:class:`GiftMembership` (once, whatever the redeliveries), a refund cancels
one that was not claimed yet."""

import datetime

from django.utils import timezone

from membership.appeals.counters import count_conversion
from membership.gifts.delivery import deliver
from membership.gifts.emails import notify_once
from membership.gifts.models import GIFT_MONTHS, GiftMembership
from membership.ids import parse_id
from membership.models import Tier
from membership.sync.attribution import one_time_payment
from membership.sync.ignore import Ignore


def record_gift(session: dict) -> GiftMembership:
    """The gift bought in a paid Checkout Session (idempotent). Due today,
    it is delivered at once; later, the periodic job delivers it."""
    metadata = session.get("metadata") or {}
    tier = Tier.objects.filter(slug=metadata.get("tier")).first()
    months = parse_id(metadata.get("months"))
    if tier is None or months not in GIFT_MONTHS or not metadata.get("recipient"):
        raise Ignore(f"checkout session {session['id']} has no usable gift membership")
    try:
        deliver_on = datetime.date.fromisoformat(metadata.get("deliver_on") or "")
    except ValueError:
        deliver_on = timezone.localdate()
    gift, created = GiftMembership.objects.select_for_update().get_or_create(
        checkout_session_id=session["id"],
        defaults={
            **one_time_payment(session, "buyer", "buyer_email"),
            "tier": tier,
            "months": months,
            "recipient_email": metadata["recipient"],
            "message": metadata.get("message") or "",
            "deliver_on": deliver_on,
        },
    )
    if created:
        if count_conversion(gift):
            gift.save(update_fields=["conversion_counted_at"])
        notify_once(gift, "bought")
        if deliver_on <= timezone.localdate():
            deliver(gift, timezone.now())
    return gift


def record_refund(charge: dict) -> bool:
    """A refund of a gift membership's payment. Refunded in full and
    unclaimed, the gift is cancelled (its link stops working); claimed, the refund is only recorded
    (the membership runs its course; end it in the Dashboard if need be).
    False when the payment was not a gift membership."""
    gift = GiftMembership.objects.locked_for_intent(charge.get("payment_intent"))
    if gift is None:
        return False
    gift.amount_refunded = charge["amount_refunded"]
    fields = ["amount_refunded", "updated_at"]
    unclaimed = (
        GiftMembership.Status.SCHEDULED,
        GiftMembership.Status.SENT,
        GiftMembership.Status.EXPIRED,
    )
    if gift.status in unclaimed and gift.amount_refunded >= gift.amount:
        gift.status = GiftMembership.Status.REFUNDED
        gift.refunded_at = timezone.now()
        fields += ["status", "refunded_at"]
    gift.save(update_fields=fields)
    return True
