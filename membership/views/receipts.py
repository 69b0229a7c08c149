"""Receipts for each payment and the yearly giving statement (printable HTML)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from membership import stripe_gateway as gateway
from membership.branding import site_name
from membership.care import receipts
from membership.models import Contribution
from membership.views.join import UNAVAILABLE

FIRST_YEAR = 2000


def _unavailable(request: HttpRequest) -> HttpResponse:
    return render(request, "membership/account/receipts.html", {"error": UNAVAILABLE}, status=503)


@never_cache
@login_required
@require_GET
def receipt_list(request: HttpRequest) -> HttpResponse:
    try:
        found = receipts.payments(request.user)
    except gateway.PaymentsUnavailable:
        return _unavailable(request)
    years = sorted({p.paid_at.year for p in found}, reverse=True)
    context = {"payments": found, "years": years}
    return render(request, "membership/account/receipts.html", context)


@never_cache
@login_required
@require_GET
def invoice_receipt(request: HttpRequest, invoice_id: str) -> HttpResponse:
    if not invoice_id.startswith("in_"):
        raise Http404
    try:
        payment = receipts.invoice_receipt(request.user, invoice_id)
    except gateway.PaymentsUnavailable:
        return _unavailable(request)
    if payment is None:
        raise Http404
    return _receipt(request, payment)


@never_cache
@login_required
@require_GET
def gift_receipt(request: HttpRequest, gift_id: int) -> HttpResponse:
    gift = Contribution.objects.for_user(request.user).filter(pk=gift_id).first()
    if gift is None or gift.amount <= gift.amount_refunded:
        raise Http404
    return _receipt(request, receipts.from_gift(gift))


def _receipt(request: HttpRequest, payment: receipts.Payment) -> HttpResponse:
    context = {"payment": payment, "newsroom": site_name(), "email": request.user.email}
    return render(request, "membership/account/receipt.html", context)


@never_cache
@login_required
@require_GET
def statement(request: HttpRequest, year: int) -> HttpResponse:
    if not FIRST_YEAR <= year <= timezone.now().year:
        raise Http404
    try:
        found = receipts.payments(request.user, year)
    except gateway.PaymentsUnavailable:
        return _unavailable(request)
    context = {
        "year": year,
        "payments": sorted(found, key=lambda p: p.paid_at),
        "totals": receipts.totals(found),
        "newsroom": site_name(),
        "email": request.user.email,
        "issued": timezone.now(),
    }
    return render(request, "membership/account/statement.html", context)
