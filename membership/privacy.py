"""Membership's part in "download my data" and "delete my account".

Receivers for the two signals of ``membership.accounts.signals`` (connected in
``MembershipConfig.ready``):

* ``collect_personal_data``: the reader's member record, memberships and gifts
  (one-time gifts, and gift memberships given and received).
* ``account_deleting``: stop renewals in Stripe (cancel at period end), then
  keep the memberships and gifts for the books without anything that names
  the reader. If Stripe can't be reached the deletion is refused
  (:class:`~membership.accounts.deletion.DeletionBlocked`) and rolls back: a
  deleted reader must never be charged again.
"""

import logging
from typing import Any

from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from membership import stripe_gateway as gateway
from membership.accounts.deletion import DeletionBlocked
from membership.accounts.signals import account_deleting, collect_personal_data
from membership.models import (
    Contribution,
    GiftMembership,
    Member,
    Membership,
    StripeEvent,
    User,
)
from membership.sync.subscriptions import subscription_fields

logger = logging.getLogger(__name__)

# Subscriptions that may still charge the reader. ``incomplete`` ones are left
# alone: they charge nothing unless the reader completes them, and Stripe
# expires them after a day.
RENEWING = {"active", "trialing", "past_due", "unpaid", "paused"}

STRIPE_UNREACHABLE = (
    "We couldn't reach our payment provider to stop your membership from renewing, "
    "so your account has not been deleted and nothing has changed. "
    "Please try again in a few minutes."
)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


# --- download my data ---------------------------------------------------------------


@receiver(collect_personal_data, dispatch_uid="membership-personal-data")
def membership_data(sender: Any, user: User, **kwargs: Any) -> dict[str, Any]:
    member = Member.objects.filter(user=user).first()
    memberships = (
        Membership.objects.filter(member=member).select_related("tier").order_by("started_at")
        if member
        else Membership.objects.none()
    )
    return {
        "member": (
            {"stripe_customer_id": member.stripe_customer_id, "since": _iso(member.created_at)}
            if member
            else None
        ),
        "memberships": [
            {
                "tier": m.tier.name if m.tier else None,
                "status": m.status,
                "amount": m.amount,
                "currency": m.currency,
                "interval": m.interval,
                "started_at": _iso(m.started_at),
                "current_period_end": _iso(m.current_period_end),
                "cancel_at_period_end": m.cancel_at_period_end,
                "ended_at": _iso(m.ended_at),
                "stripe_subscription_id": m.stripe_subscription_id,
                "source_page_id": m.source_page_id,
                "source_newsletter_id": m.source_newsletter_id,
                "source_newsletter_issue_id": m.source_newsletter_issue_id,
            }
            for m in memberships
        ],
        "contributions": [
            {
                "date": _iso(c.created_at),
                "amount": c.amount,
                "amount_refunded": c.amount_refunded,
                "currency": c.currency,
                "status": c.status,
                "email": c.email,
                "source_page_id": c.source_page_id,
                "source_newsletter_id": c.source_newsletter_id,
                "source_newsletter_issue_id": c.source_newsletter_issue_id,
            }
            for c in Contribution.objects.for_user(user).order_by("created_at")
        ],
        **gift_membership_data(user),
    }


def gift_membership_data(user: User) -> dict[str, Any]:
    given = GiftMembership.objects.bought_by(user).select_related("tier").order_by("created_at")
    received = GiftMembership.objects.filter(claimed_by=user).select_related("tier")
    return {
        "gift_memberships_given": [
            {
                "date": _iso(g.created_at),
                "tier": g.tier.name,
                "months": g.months,
                "amount": g.amount,
                "amount_refunded": g.amount_refunded,
                "currency": g.currency,
                "recipient_email": g.recipient_email,
                "message": g.message,
                "deliver_on": g.deliver_on.isoformat(),
                "status": g.status,
            }
            for g in given
        ],
        "gift_memberships_received": [
            {
                "claimed_at": _iso(g.claimed_at),
                "tier": g.tier.name,
                "months": g.months,
                "benefits_until": _iso(g.benefits_until),
            }
            for g in received.order_by("claimed_at")
        ],
    }


# --- delete my account ------------------------------------------------------------------


@receiver(account_deleting, dispatch_uid="membership-account-deleting")
def keep_records_without_the_reader(sender: Any, user: User, **kwargs: Any) -> None:
    """Runs inside the deletion transaction, before the user row goes."""
    member = Member.objects.select_for_update().filter(user=user).first()
    gifts = Contribution.objects.for_user(user)
    customer_ids = set(
        gifts.exclude(stripe_customer_id="").values_list("stripe_customer_id", flat=True)
    )
    if member is not None:
        if member.stripe_customer_id:
            stop_renewals(member.stripe_customer_id)
            customer_ids.add(member.stripe_customer_id)
        member.user = None
        member.anonymised_at = timezone.now()
        member.save(update_fields=["user", "anonymised_at"])
    Contribution.objects.filter(pk__in=list(gifts.values_list("pk", flat=True))).update(
        user=None, email="", updated_at=timezone.now()
    )
    customer_ids |= forget_gift_memberships(user)
    scrub_events(customer_ids)


def forget_gift_memberships(user: User) -> set[str]:
    """Gift memberships the reader gave lose their buyer (one not delivered
    yet still goes out: it is paid for); those they claimed lose the
    recipient's address. Returns the buyers' Stripe customer ids."""
    given = GiftMembership.objects.bought_by(user)
    customer_ids = set(
        given.exclude(stripe_customer_id="").values_list("stripe_customer_id", flat=True)
    )
    now = timezone.now()
    GiftMembership.objects.filter(pk__in=list(given.values_list("pk", flat=True))).update(
        buyer=None, buyer_email="", updated_at=now
    )
    GiftMembership.objects.filter(claimed_by=user).update(
        claimed_by=None, recipient_email="", updated_at=now
    )
    return customer_ids


def stop_renewals(customer_id: str) -> None:
    """Cancel, at the end of the paid period, every subscription of this
    customer that could charge again; asks Stripe rather than our mirror, so
    one paid a moment ago (webhook still on its way) is stopped too."""
    try:
        for sub in gateway.list_subscriptions(customer_id):
            if sub["status"] not in RENEWING or sub.get("cancel_at_period_end"):
                continue
            updated = gateway.cancel_subscription_at_period_end(sub["id"])
            Membership.objects.filter(stripe_subscription_id=updated["id"]).update(
                **subscription_fields(updated), stripe_synced_at=timezone.now()
            )
            logger.info("Subscription %s cancels at period end (account deleted)", sub["id"])
    except gateway.PaymentsUnavailable as error:
        logger.error("Account deletion refused, Stripe unavailable: %s", error)
        raise DeletionBlocked(STRIPE_UNREACHABLE) from error


def scrub_events(customer_ids: set[str]) -> None:
    """Stored webhook payloads about these customers carry names and email
    addresses. Handled events keep only what identifies the event itself;
    events not handled yet stay whole so a replay can still process them."""
    if not customer_ids:
        return
    ids = sorted(customer_ids)
    events = StripeEvent.objects.filter(status__in=StripeEvent.DONE).filter(
        Q(payload__data__object__customer__in=ids) | Q(payload__data__object__id__in=ids)
    )
    for event in events.only("pk", "payload"):
        obj = (event.payload.get("data") or {}).get("object") or {}
        event.payload = {
            "id": event.payload.get("id"),
            "type": event.payload.get("type"),
            "created": event.payload.get("created"),
            "data": {"object": {"id": obj.get("id"), "object": obj.get("object")}},
            "redacted": "account deleted",
        }
        event.save(update_fields=["payload"])
