"""Stand-ins for Stripe's hosted Checkout and Customer Portal pages, served
only in demo payments mode (404 otherwise). No card is asked for."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from membership import demo
from membership import stripe_gateway as gateway
from membership.fakestripe.state import StripeError
from membership.models import format_amount


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
    if request.method == "POST" and session["status"] == "open":
        statuses = demo.deliver(fake.complete_checkout(session_id))
        if any(status != 200 for status in statuses):
            return render(
                request,
                "membership/demo_checkout.html",
                {"session": session, "delivery_failed": statuses},
                status=502,
            )
        return redirect(session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id))
    context = {
        "session": session,
        "amount": format_amount(session["amount_total"], session["currency"]),
        "interval": fake.session_interval(session_id),
    }
    return render(request, "membership/demo_checkout.html", context)


ACTIONS = {
    "cancel": lambda fake, sub: fake.update_subscription(sub, cancel_at_period_end=True),
    "resume": lambda fake, sub: fake.update_subscription(sub, cancel_at_period_end=False),
    "renew": lambda fake, sub: fake.renew(sub, paid=True),
    "fail": lambda fake, sub: fake.renew(sub, paid=False),
    "end": lambda fake, sub: fake.cancel_now(sub),
}


@never_cache
@require_http_methods(["GET", "POST"])
def portal(request: HttpRequest, session_id: str) -> HttpResponse:
    fake = _fake()
    session = _get(fake, "billing_portal.session", session_id)
    subscriptions = [
        sub for sub in fake.objects("subscription") if sub["customer"] == session["customer"]
    ]
    if request.method == "POST":
        action, sub_id = request.POST.get("action"), request.POST.get("subscription")
        if action in ACTIONS and any(sub["id"] == sub_id for sub in subscriptions):
            demo.deliver(ACTIONS[action](fake, sub_id))
        return redirect(request.path)
    rows = [
        {
            "id": sub["id"],
            "status": sub["status"],
            "cancel_at_period_end": sub["cancel_at_period_end"],
            "label": format_amount(
                sub["items"]["data"][0]["price"]["unit_amount"], sub["currency"]
            )
            + " / "
            + sub["items"]["data"][0]["price"]["recurring"]["interval"],
        }
        for sub in subscriptions
    ]
    return render(
        request, "membership/demo_portal.html", {"session": session, "subscriptions": rows}
    )
