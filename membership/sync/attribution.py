"""Which article, appeal and newsletter issue converted a reader, from the
metadata our Checkout Sessions carry (reader-controlled: ids are parsed, never
trusted); and, for a payment made once, who paid."""

from typing import Any

from wagtail.models import Page

from membership.ids import parse_id
from membership.models import Appeal, Issue, Newsletter, User


def attribution(metadata: dict) -> dict[str, Any]:
    page_id = parse_id(metadata.get("article"))
    exists = page_id is not None and Page.objects.filter(pk=page_id).exists()
    appeal = str(metadata.get("appeal") or "")[:64]
    # An appeal's button carries its id (``membership.appeals``); other links
    # may carry any short label, kept as text only.
    appeal_id = parse_id(appeal)
    if appeal_id is not None and not Appeal.objects.filter(pk=appeal_id).exists():
        appeal_id = None
    return {
        "source_page_id": page_id,
        "source_article_id": page_id if exists else None,
        "appeal": appeal,
        "source_appeal_id": appeal_id,
        **newsletter_attribution(metadata),
    }


def newsletter_attribution(metadata: dict) -> dict[str, Any]:
    """The newsletter (and its issue) whose link the reader followed; an id
    that names nothing, or an issue of another newsletter, is dropped."""
    newsletter_id = parse_id(metadata.get("newsletter"))
    if newsletter_id is None or not Newsletter.objects.filter(pk=newsletter_id).exists():
        return {"source_newsletter_id": None, "source_newsletter_issue_id": None}
    issue_id = parse_id(metadata.get("newsletter_issue"))
    if issue_id is not None:
        issue_id = (
            Issue.objects.filter(pk=issue_id, newsletter_id=newsletter_id)
            .values_list("pk", flat=True)
            .first()
        )
    return {"source_newsletter_id": newsletter_id, "source_newsletter_issue_id": issue_id}


def one_time_payment(session: dict, payer: str, payer_email: str) -> dict[str, Any]:
    """What a paid one-time Checkout Session tells a ``OneTimePayment`` (a
    gift, a gift membership): Stripe's ids, the amount, who paid (``payer``:
    the signed-in reader; ``payer_email``: the address given at Checkout, else
    theirs) and what converted them."""
    metadata = session.get("metadata") or {}
    user_id = parse_id(metadata.get("user_id"))
    user = User.objects.filter(pk=user_id).first() if user_id else None
    email = ((session.get("customer_details") or {}).get("email") or "").strip().lower()
    return {
        "payment_intent_id": session.get("payment_intent") or "",
        "stripe_customer_id": session.get("customer") or "",
        payer: user,
        payer_email: email or (user.email if user else ""),
        "amount": session["amount_total"],
        "currency": session["currency"],
        **attribution(metadata),
    }
