"""Stand-ins for Stripe's hosted Checkout and Customer Portal pages, served
only in demo payments mode (404 otherwise). No card is asked for."""

import datetime

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from membership import demo
from membership import stripe_gateway as gateway
from membership.fakestripe.state import StripeError
from membership.models import Tier, format_amount


class GuestEmailForm(forms.Form):
    """Stripe's Checkout asks a guest for their email (receipts, the gift's record)."""

    email = forms.EmailField(
        label="Email",
        max_length=254,
        error_messages={
            "required": "Enter a valid email address, like name@example.org.",
            "invalid": "Enter a valid email address, like name@example.org.",
        },
    )


def _fake():
    if not settings.STRIPE_DEMO_PAYMENTS:
        raise Http404("Demo payments are off.")
    return gateway.demo_fake()


def _get(fake, kind: str, object_id: str) -> dict:
    try:
        return fake.get(kind, object_id)
    except StripeError:
        raise Http404(f"No such {kind}.") from None


@never_cache
@require_http_methods(["GET", "POST"])
def checkout(request: HttpRequest, session_id: str) -> HttpResponse:
    fake = _fake()
    session = _get(fake, "checkout.session", session_id)
    guest = session["mode"] == "payment" and not session["customer"]
    form = GuestEmailForm(request.POST or None) if guest else None
    context = {
        "session": session,
        "amount": format_amount(session["amount_total"], session["currency"]),
        "interval": fake.session_interval(session_id),
        "form": form,
    }
    if request.method == "POST" and session["status"] == "open":
        if form is not None and not form.is_valid():
            return render(request, "membership/demo_checkout.html", context, status=400)
        email = form.cleaned_data["email"] if form is not None else None
        statuses = demo.deliver(fake.complete_checkout(session_id, email=email))
        if any(status != 200 for status in statuses):
            return render(
                request,
                "membership/demo_checkout.html",
                {"session": session, "delivery_failed": statuses},
                status=502,
            )
        return redirect(session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id))
    return render(request, "membership/demo_checkout.html", context)


ACTIONS = {
    "cancel": lambda fake, sub, price: fake.update_subscription(sub, cancel_at_period_end=True),
    "resume": lambda fake, sub, price: fake.update_subscription(sub, cancel_at_period_end=False),
    "switch": lambda fake, sub, price: fake.update_subscription(sub, price=price),
    "card": lambda fake, sub, price: fake.update_card(sub),
    "renew": lambda fake, sub, price: fake.renew(sub, paid=True),
    "fail": lambda fake, sub, price: fake.renew(sub, paid=False),
    "end": lambda fake, sub, price: fake.cancel_now(sub),
}


def _date(timestamp: int | None) -> str:
    if not timestamp:
        return ""
    return datetime.datetime.fromtimestamp(timestamp, datetime.UTC).strftime("%-d %B %Y")


def _state(sub: dict) -> str:
    """What the subscription is now, as Stripe's portal says it."""
    if sub["status"] == "canceled":
        return f"Ended on {_date(sub['ended_at'] or sub['canceled_at'])}"
    if sub["status"] in ("past_due", "unpaid"):
        return "Payment failed: update your card"
    if sub["cancel_at_period_end"]:
        return f"Active, cancels on {_date(sub['cancel_at'])}"
    return sub["status"].capitalize()


def _tier_prices(fake) -> dict[str, dict]:
    """The active tiers' prices by id (what the portal's tier switch offers)."""
    keys = {
        tier.lookup_key(interval): tier.name
        for tier in Tier.objects.active()
        for interval in ("month", "year")
    }
    return {
        price["id"]: {**price, "tier_name": keys[price["lookup_key"]]}
        for price in fake.objects("price")
        if price["active"] and price.get("lookup_key") in keys
    }


def _label(fake, price: dict, currency: str) -> str | None:
    """The price in the subscription's currency (a multi-currency price
    charges its ``currency_options`` amount there, as Stripe's portal shows
    it); None when the price has no amount in it."""
    amount = fake.amount_in(price, currency)
    if amount is None:
        return None
    return f"{format_amount(amount, currency)} / {price['recurring']['interval']}"


def _row(fake, sub: dict, prices: dict[str, dict]) -> dict:
    price = sub["items"]["data"][0]["price"]
    currency = sub["currency"]
    return {
        "id": sub["id"],
        "status": sub["status"],
        "ended": sub["status"] == "canceled",
        "past_due": sub["status"] in ("past_due", "unpaid"),
        "cancel_at_period_end": sub["cancel_at_period_end"],
        "state": _state(sub),
        "label": _label(fake, price, currency),
        "switch_to": [
            {"id": other["id"], "label": f"{other['tier_name']}: {label}"}
            for other in prices.values()
            if other["id"] != price["id"]
            and other["recurring"]["interval"] == price["recurring"]["interval"]
            and (label := _label(fake, other, currency)) is not None
        ],
    }


@never_cache
@require_http_methods(["GET", "POST"])
def portal(request: HttpRequest, session_id: str) -> HttpResponse:
    fake = _fake()
    session = _get(fake, "billing_portal.session", session_id)
    subscriptions = [
        sub for sub in fake.objects("subscription") if sub["customer"] == session["customer"]
    ]
    prices = _tier_prices(fake)
    if request.method == "POST":
        action, sub_id = request.POST.get("action"), request.POST.get("subscription")
        price = request.POST.get("price")
        own = any(sub["id"] == sub_id for sub in subscriptions)
        if action == "switch" and price not in prices:
            own = False  # only the tiers' own prices, as the portal's configuration allows
        if action in ACTIONS and own:
            demo.deliver(ACTIONS[action](fake, sub_id, price))
        return redirect(request.path)
    rows = [_row(fake, sub, prices) for sub in subscriptions]
    return render(
        request, "membership/demo_portal.html", {"session": session, "subscriptions": rows}
    )
