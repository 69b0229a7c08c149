"""One-time gifts: a paid Checkout Session mirrored as a Contribution."""

from membership.appeals.counters import count_conversion
from membership.ids import parse_id
from membership.models import Contribution, User
from membership.sync.attribution import attribution
from membership.sync.ignore import Ignore
from membership.sync.notices import notify_once


def record_contribution(session: dict) -> Contribution:
    """The Contribution for a paid one-time Checkout Session (idempotent)."""
    metadata = session.get("metadata") or {}
    if metadata.get("newsroom") != "gift":
        raise Ignore(f"checkout session {session['id']} is not one of our gifts")
    user_id = parse_id(metadata.get("user_id"))
    user = User.objects.filter(pk=user_id).first() if user_id else None
    email = ((session.get("customer_details") or {}).get("email") or "").strip().lower()
    contribution, created = Contribution.objects.get_or_create(
        checkout_session_id=session["id"],
        defaults={
            "payment_intent_id": session.get("payment_intent") or "",
            "stripe_customer_id": session.get("customer") or "",
            "user": user,
            "email": email or (user.email if user else ""),
            "amount": session["amount_total"],
            "currency": session["currency"],
            **attribution(metadata),
        },
    )
    if created and count_conversion(contribution):
        contribution.save(update_fields=["conversion_counted_at"])
    notify_once(f"gift:{session['id']}", "gift_thanks", contribution.pk)
    return contribution
