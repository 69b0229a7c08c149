"""What each Stripe event type does. Called by the inbox (``webhooks``) inside
the event's transaction; raise :class:`Ignore` to acknowledge without effect,
any other exception to roll back and have Stripe deliver again."""

import logging
from collections.abc import Callable

from django.core.mail import mail_admins
from django.db import transaction

from membership.gifts.models import CHECKOUT_KIND as GIFT_MEMBERSHIP
from membership.gifts.records import record_gift, record_refund
from membership.models import Contribution, Member, Membership, StripeEvent
from membership.sync.gifts import record_contribution
from membership.sync.ignore import Ignore
from membership.sync.notices import notify_once
from membership.sync.subscriptions import subscription_of_invoice, sync_subscription

logger = logging.getLogger(__name__)

Handler = Callable[[StripeEvent], None]


def checkout_completed(event: StripeEvent) -> None:
    session = event.object
    if session["mode"] == "subscription":
        if (session.get("metadata") or {}).get("newsroom") != "membership":
            raise Ignore(f"checkout session {session['id']} is not one of our memberships")
        if not session.get("subscription"):
            raise Ignore("no subscription on the session yet")
        sync_subscription(session["subscription"], checkout_session_id=session["id"])
    elif session["mode"] == "payment":
        if session.get("payment_status") != "paid":
            # Delayed methods (SEPA, bank transfer): wait for async_payment_succeeded.
            return
        if (session.get("metadata") or {}).get("newsroom") == GIFT_MEMBERSHIP:
            record_gift(session)
        else:
            record_contribution(session)
    else:
        raise Ignore(f"checkout mode {session['mode']} is not used")


def checkout_async_failed(event: StripeEvent) -> None:
    session = event.object
    if session["mode"] == "subscription" and session.get("subscription"):
        sync_subscription(session["subscription"], checkout_session_id=session["id"])
        return
    raise Ignore("a delayed one-time payment failed; nothing was recorded")


def subscription_changed(event: StripeEvent) -> None:
    sync_subscription(event.object["id"])


def invoice_paid(event: StripeEvent) -> None:
    sync_subscription(subscription_of_invoice(event.object))


def invoice_payment_failed(event: StripeEvent) -> None:
    invoice = event.object
    membership = sync_subscription(subscription_of_invoice(invoice))
    attempt = invoice.get("attempt_count") or 0
    notify_once(f"payment-failed:{invoice['id']}:{attempt}", "payment_failed", membership.pk)


def invoice_action_required(event: StripeEvent) -> None:
    invoice = event.object
    membership = sync_subscription(subscription_of_invoice(invoice))
    attempt = invoice.get("attempt_count") or 0
    notify_once(f"action-required:{invoice['id']}:{attempt}", "action_required", membership.pk)


def _contribution_for(payment_intent: str | None) -> Contribution:
    contribution = Contribution.objects.locked_for_intent(payment_intent)
    if contribution is None:
        raise Ignore(f"payment {payment_intent} is not a one-time gift of ours")
    return contribution


def charge_refunded(event: StripeEvent) -> None:
    charge = event.object
    if record_refund(charge):
        return
    contribution = _contribution_for(charge.get("payment_intent"))
    contribution.amount_refunded = charge["amount_refunded"]
    if contribution.status != Contribution.Status.DISPUTED:
        fully = charge["amount_refunded"] >= contribution.amount
        contribution.status = (
            Contribution.Status.REFUNDED if fully else Contribution.Status.PARTIALLY_REFUNDED
        )
    contribution.save(update_fields=["amount_refunded", "status", "updated_at"])


def dispute_created(event: StripeEvent) -> None:
    dispute = event.object
    contribution = _contribution_for(dispute.get("payment_intent"))
    contribution.status = Contribution.Status.DISPUTED
    contribution.save(update_fields=["status", "updated_at"])
    subject = f"Payment disputed: {contribution.amount_label()} from {contribution.email}"
    body = (
        f"Stripe reports a dispute ({dispute.get('reason')}) on a one-time gift.\n"
        f"Dispute: {dispute['id']}\nPayment: {contribution.payment_intent_id}\n"
        "Respond in the Stripe Dashboard before the deadline."
    )
    transaction.on_commit(lambda: mail_admins(subject, body, fail_silently=True))


def customer_deleted(event: StripeEvent) -> None:
    updated = Member.objects.filter(stripe_customer_id=event.object["id"]).update(
        stripe_customer_id=None
    )
    if not updated:
        raise Ignore(f"customer {event.object['id']} is not one of our members")


HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": checkout_completed,
    "checkout.session.async_payment_succeeded": checkout_completed,
    "checkout.session.async_payment_failed": checkout_async_failed,
    "customer.subscription.created": subscription_changed,
    "customer.subscription.updated": subscription_changed,
    "customer.subscription.deleted": subscription_changed,
    "customer.subscription.paused": subscription_changed,
    "customer.subscription.resumed": subscription_changed,
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_payment_failed,
    "invoice.payment_action_required": invoice_action_required,
    "charge.refunded": charge_refunded,
    "charge.dispute.created": dispute_created,
    "customer.deleted": customer_deleted,
}

# Registered with the webhook endpoint in the Stripe Dashboard (and nothing else).
EVENT_TYPES = sorted(HANDLERS)


def dispatch(event: StripeEvent) -> None:
    handler = HANDLERS.get(event.type)
    if handler is None:
        raise Ignore(f"event type {event.type} is not handled")
    handler(event)


__all__ = ["EVENT_TYPES", "HANDLERS", "Ignore", "Membership", "dispatch"]
