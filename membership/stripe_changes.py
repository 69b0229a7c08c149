"""Changes a member asks for on our own pages, sent to Stripe: pausing and
resuming payments, a new amount (the cancel flow's save offer), a claimed
gift membership's subscription or its months; and the paid invoices their
receipts are made from. Each goes
through the gateway's client and error mapping (``membership.stripe_gateway``,
still the only module importing ``stripe``); Stripe then sends
``customer.subscription.updated``, which is what changes our records."""

from membership.stripe_gateway import SUBSCRIPTION_EXPAND, Obj, call, client


def pause_collection(subscription_id: str, resumes_at: int, *, idempotency_key: str) -> Obj:
    """Stop collecting payments until ``resumes_at`` (a Unix time). Invoices
    made meanwhile are voided, so nothing is owed when payments resume."""
    return call(
        "pause subscription",
        client().v1.subscriptions.update,
        subscription_id,
        {
            "pause_collection": {"behavior": "void", "resumes_at": resumes_at},
            "expand": SUBSCRIPTION_EXPAND,
        },
        {"idempotency_key": idempotency_key},
    )


def resume_collection(subscription_id: str) -> Obj:
    """Collect payments again from the next invoice (Stripe: an empty value unsets it)."""
    return call(
        "resume subscription",
        client().v1.subscriptions.update,
        subscription_id,
        {"pause_collection": "", "expand": SUBSCRIPTION_EXPAND},
    )


def change_price(
    subscription_id: str,
    item_id: str,
    price_data: Obj,
    *,
    idempotency_key: str,
    trial_end: int | None = None,
) -> Obj:
    """Put the subscription's one item on a new recurring amount from the next
    invoice on, without proration (the period already paid stays as it was).
    A new interval (monthly to yearly) would make Stripe restart the billing
    cycle and invoice at once; ``trial_end`` (the end of the paid period)
    moves the first charge at the new interval to that moment instead."""
    params: Obj = {
        "items": [{"id": item_id, "price_data": price_data}],
        "proration_behavior": "none",
        "expand": SUBSCRIPTION_EXPAND,
    }
    if trial_end is not None:
        params["trial_end"] = trial_end
    return call(
        "change subscription amount",
        client().v1.subscriptions.update,
        subscription_id,
        params,
        {"idempotency_key": idempotency_key},
    )


def paid_invoices(customer_id: str, start: int, end: int) -> list[Obj]:
    """The customer's paid invoices created in ``[start, end)`` (Unix times),
    newest first, every page of them."""
    invoices: list[Obj] = []
    params: Obj = {
        "customer": customer_id,
        "status": "paid",
        "created": {"gte": start, "lt": end},
        "limit": 100,
    }
    while True:
        page = call("list invoices", client().v1.invoices.list, params)
        invoices += page["data"]
        if not page.get("has_more") or not page["data"]:
            return invoices
        params["starting_after"] = page["data"][-1]["id"]


def invoice(invoice_id: str) -> Obj:
    return call("retrieve invoice", client().v1.invoices.retrieve, invoice_id)


def create_subscription(params: Obj, *, idempotency_key: str) -> Obj:
    """A subscription made without Checkout (a claimed gift membership: a
    trial that ends on the prepaid date, no card needed)."""
    return call(
        "create subscription",
        client().v1.subscriptions.create,
        {**params, "expand": ["items.data.price.product"]},
        {"idempotency_key": idempotency_key},
    )


def update_subscription(subscription_id: str, params: Obj, *, idempotency_key: str) -> Obj:
    """Change a subscription (a gift's months moving its ``trial_end``)."""
    return call(
        "update subscription",
        client().v1.subscriptions.update,
        subscription_id,
        {**params, "expand": ["items.data.price.product"]},
        {"idempotency_key": idempotency_key},
    )
