"""Receipts and the yearly giving statement, made from what Stripe charged:
a member's paid invoices (memberships), and their one-time gifts
(``Contribution``, mirrored from Checkout). Nothing is stored: each page reads
Stripe's invoices for the signed-in reader's own customer."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from membership import stripe_changes
from membership import stripe_gateway as gateway
from membership.models import Contribution, Member, User, format_amount
from membership.sync.timestamps import from_timestamp


@dataclass(frozen=True)
class Payment:
    """One payment as the receipt shows it."""

    kind: str  # "membership" or "gift"
    reference: str  # the Stripe invoice id, or the gift's number
    paid_at: datetime.datetime
    amount: int  # cents actually paid
    currency: str
    description: str
    period_start: datetime.datetime | None = None
    period_end: datetime.datetime | None = None
    gift_id: int | None = None

    @property
    def amount_label(self) -> str:
        return format_amount(self.amount, self.currency)


def from_invoice(invoice: dict) -> Payment:
    paid_at = (invoice.get("status_transitions") or {}).get("paid_at") or invoice["created"]
    return Payment(
        kind="membership",
        reference=invoice["id"],
        paid_at=from_timestamp(paid_at),
        amount=invoice["amount_paid"],
        currency=invoice["currency"],
        description="Membership",
        period_start=from_timestamp(invoice.get("period_start")),
        period_end=from_timestamp(invoice.get("period_end")),
    )


def from_gift(gift: Contribution) -> Payment:
    return Payment(
        kind="gift",
        reference=f"G{gift.pk}",
        paid_at=gift.created_at,
        amount=gift.amount - gift.amount_refunded,
        currency=gift.currency,
        description="One-time gift"
        + (f" ({gift.get_status_display()})" if gift.amount_refunded else ""),
        gift_id=gift.pk,
    )


def customer_of(user: User) -> str:
    member = Member.objects.filter(user=user).exclude(stripe_customer_id=None).first()
    return member.stripe_customer_id if member else ""


def payments(user: User, year: int | None = None) -> list[Payment]:
    """The reader's payments, newest first; only ``year``'s when given (UTC)."""
    start = datetime.datetime(year or 2000, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime((year or 9998) + 1, 1, 1, tzinfo=datetime.UTC)
    found: list[Payment] = []
    customer = customer_of(user)
    if customer:
        invoices = stripe_changes.paid_invoices(
            customer, int(start.timestamp()), int(end.timestamp())
        )
        found += [from_invoice(i) for i in invoices if i["amount_paid"] > 0]
    gifts = Contribution.objects.for_user(user).filter(
        created_at__gte=start, created_at__lt=end, status__in=GIFT_RECEIPT_STATUSES
    )
    found += [from_gift(g) for g in gifts if g.amount > g.amount_refunded]
    return sorted(found, key=lambda p: p.paid_at, reverse=True)


GIFT_RECEIPT_STATUSES = (
    Contribution.Status.PAID,
    Contribution.Status.PARTIALLY_REFUNDED,
    Contribution.Status.DISPUTED,
)


def invoice_receipt(user: User, invoice_id: str) -> Payment | None:
    """The receipt for one of the reader's own paid invoices, else None."""
    customer = customer_of(user)
    if not customer:
        return None
    try:
        invoice = stripe_changes.invoice(invoice_id)
    except gateway.NotFound:
        return None
    if invoice["customer"] != customer or invoice["status"] != "paid":
        return None
    return from_invoice(invoice)


def totals(found: list[Payment]) -> list[str]:
    """The year's total per currency, e.g. ``["$65", "€10"]``."""
    sums: dict[str, int] = defaultdict(int)
    for payment in found:
        sums[payment.currency] += payment.amount
    return [format_amount(cents, currency) for currency, cents in sorted(sums.items())]
