"""One-time gifts: a paid Checkout Session mirrored as a Contribution."""

from membership.appeals.counters import count_conversion
from membership.models import Contribution
from membership.sync.attribution import one_time_payment
from membership.sync.ignore import Ignore
from membership.sync.notices import notify_once


def record_contribution(session: dict) -> Contribution:
    """The Contribution for a paid one-time Checkout Session (idempotent)."""
    metadata = session.get("metadata") or {}
    if metadata.get("newsroom") != "gift":
        raise Ignore(f"checkout session {session['id']} is not one of our gifts")
    contribution, created = Contribution.objects.get_or_create(
        checkout_session_id=session["id"], defaults=one_time_payment(session, "user", "email")
    )
    if created and count_conversion(contribution):
        contribution.save(update_fields=["conversion_counted_at"])
    notify_once(f"gift:{session['id']}", "gift_thanks", contribution.pk)
    return contribution
