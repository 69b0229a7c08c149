"""A reader's own membership page and the way into Stripe's Customer Portal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from allauth.account.decorators import reauthentication_required

from membership import billing
from membership import stripe_gateway as gateway
from membership.care.forms import PauseForm
from membership.care.pause import CannotPause, check_can_pause
from membership.models import Contribution, GiftMembership, Member
from membership.views.join import UNAVAILABLE, _see_other


def account_context(request: HttpRequest, **extra) -> dict:
    member = Member.objects.filter(user=request.user).first()
    current = member.current_membership() if member else None
    try:
        check_can_pause(current)
        can_pause = True
    except CannotPause:
        can_pause = False
    return {
        "member": member,
        "current": current,
        "contributions": Contribution.objects.for_user(request.user),
        "gift_memberships": GiftMembership.objects.bought_by(request.user).select_related("tier"),
        "pause_form": PauseForm() if can_pause else None,
        **extra,
    }


@never_cache
@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "membership/account.html", account_context(request))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def billing_portal(request: HttpRequest) -> HttpResponse:
    """ "Manage billing". The portal shows payment methods and can cancel, so
    the reader confirms who they are first (allauth's reauthentication); the
    POST is then resumed by allauth and goes on to Stripe. A GET (the address
    typed in, or a resume that lost its state) just shows the page with the
    button."""
    if request.method == "GET":
        return redirect("membership:account")
    return _open_portal(request)


@reauthentication_required
def _open_portal(request: HttpRequest) -> HttpResponse:
    """A fresh portal session for the signed-in reader's own customer."""
    try:
        url = billing.portal_url(request.user)
    except billing.NoBillingAccount:
        messages.info(request, "There are no payments to manage on this account yet.")
        return redirect("membership:account")
    except gateway.PaymentsUnavailable:
        messages.error(request, UNAVAILABLE)
        return redirect("membership:account")
    return _see_other(url)
