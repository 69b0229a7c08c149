"""Gift membership pages: buy (``/membership/gift/``), the return from
Checkout, and the claim link."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from membership import stripe_gateway as gateway
from membership.forms import JoinEmailForm
from membership.gifts import checkout
from membership.gifts.claiming import NotClaimable, claim
from membership.gifts.forms import GiftMembershipForm
from membership.gifts.models import GiftMembership
from membership.views.join import CHECKOUT_SESSION_ID, UNAVAILABLE, _see_other
from membership.views.join_email import send_code

FORM_TEMPLATE = "membership/gift/form.html"


@never_cache
@require_http_methods(["GET", "POST"])
def gift(request: HttpRequest) -> HttpResponse:
    """The form; POST checks it and goes on to Checkout (nothing is stored:
    the gift exists once Stripe reports it paid)."""
    if request.method == "GET":
        initial = {key: request.GET.get(key) for key in ("tier", "appeal", "article")}
        form = GiftMembershipForm(initial=initial)
        return render(request, FORM_TEMPLATE, {"form": form, "today": timezone.localdate()})
    form = GiftMembershipForm(request.POST)
    context = {"form": form, "today": timezone.localdate()}
    if not form.is_valid():
        return render(request, FORM_TEMPLATE, context, status=400)
    data = form.cleaned_data
    user = request.user if request.user.is_authenticated else None
    try:
        url = checkout.start_checkout(
            user,
            tier=data["tier"],
            months=data["months"],
            amount=form.price(),
            recipient_email=data["recipient_email"],
            message=data["message"],
            deliver_on=data["deliver_on"].isoformat(),
            attribution=form.attribution(),
        )
    except gateway.PaymentsUnavailable:
        return render(request, FORM_TEMPLATE, {**context, "unavailable": UNAVAILABLE}, status=503)
    return _see_other(url)


@never_cache
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    """Checkout's success page: reports what the webhook recorded, if it has."""
    session_id = request.GET.get("session_id", "")
    found = None
    if CHECKOUT_SESSION_ID.fullmatch(session_id):
        found = GiftMembership.objects.select_related("tier").filter(
            checkout_session_id=session_id
        )
        found = found.first()
    return render(request, "membership/gift/thanks.html", {"gift": found})


def _gone(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "membership/gift/gone.html", {"reason": reason}, status=410)


@never_cache
@require_http_methods(["GET", "POST"])
def claim_gift(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the recipient's email. Without a session, it asks for an
    email and sends a code (the join flow), then comes back here; signed in,
    one button claims it."""
    found = GiftMembership.objects.select_related("tier").filter(claim_token=token).first()
    if found is None:
        raise Http404("No such gift")
    now = timezone.now()
    if not found.claimable(now):
        return _gone(request, found.why_not_claimable(now))
    context = {"gift": found}
    if not request.user.is_authenticated:
        form = JoinEmailForm(
            request.POST if request.method == "POST" else None,
            initial={"email": found.recipient_email},
        )
        if request.method == "POST" and form.is_valid():
            response = send_code(request, form, request.path)
            if response is not None:
                return response
        context |= {"form": form, "form_attrs": {"form": form}}
        return render(
            request, "membership/gift/claim.html", context, status=400 if form.errors else 200
        )
    if request.method == "GET":
        return render(request, "membership/gift/claim.html", context)
    try:
        claimed = claim(found.pk, request.user)
    except NotClaimable as reason:
        return _gone(request, str(reason))
    except gateway.PaymentsUnavailable:
        context["unavailable"] = UNAVAILABLE
        return render(request, "membership/gift/claim.html", context, status=503)
    until = claimed.benefits_until
    messages.success(
        request,
        "Your gift membership is yours"
        + (f": you're a member until {until:%-d %B %Y}." if until else "."),
    )
    return redirect("membership:account")
