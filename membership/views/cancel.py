"""Cancelling in our flow: one optional question (why) and one save offer (a
lower amount, or paying yearly) before Stripe's Customer Portal, which does
the cancelling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from allauth.account.decorators import reauthentication_required

from membership import billing
from membership import stripe_gateway as gateway
from membership.care import offers
from membership.care.forms import CancelForm
from membership.models import CancellationFeedback, Member, Membership
from membership.views.join import UNAVAILABLE, _see_other


def _current(request: HttpRequest) -> Membership | None:
    member = Member.objects.filter(user=request.user).first()
    current = member.current_membership() if member else None
    return current if current and current.grants_benefits else None


def _page(request: HttpRequest, current, form: CancelForm, status: int = 200, **extra):
    context = {"current": current, "form": form, "offers": offers.save_offers(current), **extra}
    return render(request, "membership/account/cancel.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest) -> HttpResponse:
    current = _current(request)
    if current is None or current.cancel_at_period_end:
        messages.info(request, "There is no membership to cancel.")
        return redirect("membership:account")
    if request.method == "GET":
        return _page(request, current, CancelForm())
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _page(request, current, form, status=400)
    if form.cleaned_data["action"] == "accept":
        return _accept(request, current, form)
    _record_reason(current, form.cleaned_data)
    return _open_cancel_portal(request)


def _accept(request: HttpRequest, current: Membership, form: CancelForm) -> HttpResponse:
    try:
        offer = offers.accept(
            current, form.cleaned_data.get("offer") or 0, form.cleaned_data.get("interval") or ""
        )
    except offers.OfferGone:
        return _page(
            request, current, form, status=409, error="That offer is no longer available."
        )
    except gateway.PaymentsUnavailable:
        return _page(request, current, form, status=503, error=UNAVAILABLE)
    if offer.saving:
        thanks = f"Thank you for staying! From your next payment you'll give {offer.label}"
        thanks += f", {offer.saving_label} less a year, and nothing before then."
    else:
        thanks = f"Thank you for staying! From your next payment you'll give {offer.label}."
    messages.success(request, thanks)
    return redirect("membership:account")


def _record_reason(current: Membership, data: dict) -> None:
    with transaction.atomic():
        feedback, _ = CancellationFeedback.objects.select_for_update().get_or_create(
            membership=current
        )
        feedback.reason = data["reason"] or feedback.reason
        feedback.detail = data["detail"] or feedback.detail
        feedback.went_to_portal_at = timezone.now()
        feedback.save()


@reauthentication_required
def _open_cancel_portal(request: HttpRequest) -> HttpResponse:
    """Stripe's portal, opened on cancelling the reader's own membership."""
    current = _current(request)
    try:
        url = billing.portal_url(request.user, cancel=current)
    except billing.NoBillingAccount:
        return redirect("membership:account")
    except gateway.PaymentsUnavailable:
        messages.error(request, UNAVAILABLE)
        return redirect("membership:account")
    return _see_other(url)
