"""Joining and giving: the join page, the confirm step, and Checkout's return pages."""

import re

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from wagtail.models import Site

from articles.cache import mark_public
from membership import billing
from membership import stripe_gateway as gateway
from membership.currency.choice import enabled as enabled_currencies
from membership.currency.display import currency_of, switcher, tiers_in
from membership.currency.signals import JOIN_SCOPE
from membership.fees import fee_for, fixed_fee
from membership.forms import CHOICE_FIELDS, GiftForm, JoinForm
from membership.ids import parse_id
from membership.models import Contribution, Currency, JoinPageSettings, Member, Membership
from membership.models.tiers import format_amount
from membership.newsletters import campaign

# Stripe's Checkout Session ids: "cs_test_…" or "cs_live_…", letters and digits.
CHECKOUT_SESSION_ID = re.compile(r"cs_[A-Za-z0-9_]{1,250}")
GIFT_AMOUNT = re.compile(r"\d{1,7}(\.\d{2})?")
UNAVAILABLE = (
    "We couldn't reach our payment provider just now, and nothing was charged. "
    "Please try again in a few minutes."
)


def _interval(request: HttpRequest) -> str:
    return "year" if request.GET.get("interval") == "year" else "month"


def join_settings(request: HttpRequest) -> JoinPageSettings:
    site = Site.find_for_request(request)
    return JoinPageSettings.for_site(site) if site else JoinPageSettings()


def with_fee(request: HttpRequest, form: JoinForm | GiftForm, cents: int) -> int:
    """The amount to charge: ``cents``, plus the card fee if the reader ticked
    "cover the fees" and the newsroom offers it."""
    if form.cleaned_data.get("cover_fees") and join_settings(request).offer_fee_cover:
        return cents + fee_for(cents, form.cleaned_data["currency"])
    return cents


def suggested_gift(request: HttpRequest) -> str:
    """An appeal's "$60 once" arrives as ``?give=60.00``: the gift form starts
    with it (only a plain amount is taken; the form checks it when sent)."""
    value = request.GET.get("give", "")
    return value if GIFT_AMOUNT.fullmatch(value) else ""


def join_context(request: HttpRequest, **extra) -> dict:
    interval = extra.pop("interval", None) or _interval(request)
    currency = extra.pop("currency", None) or currency_of(request)
    current = None
    if request.user.is_authenticated:
        member = Member.objects.filter(user=request.user).first()
        current = member.current_membership() if member else None
    floors = Currency.floors(currency)
    newsletter, issue = campaign.from_query(request.GET)
    return {
        "join_settings": join_settings(request),
        "tiers": tiers_in(currency),
        "interval": interval,
        "other_interval": "month" if interval == "year" else "year",
        "currency": currency,
        "currency_links": switcher(currency, interval),
        "current": current,
        "article": parse_id(request.GET.get("article")) or "",
        "appeal": request.GET.get("appeal", ""),
        "newsletter": newsletter or "",
        "issue": issue or "",
        "custom_form": JoinForm(initial={"interval": interval}, currency=currency),
        "gift_form": GiftForm(initial={"amount": suggested_gift(request)}, currency=currency),
        "custom_minimum": format_amount(floors[interval], currency),
        "gift_minimum": format_amount(floors["gift"], currency),
        "fee_rule": f"{settings.MEMBERSHIP_FEE_PERCENT} % + "
        + format_amount(fixed_fee(currency), currency),
        **extra,
    }


@require_GET
def join(request: HttpRequest) -> HttpResponse:
    """The same page for every anonymous reader in one currency group, so the
    page cache stores one copy per currency (``membership.currency.choice``),
    never one per country. A CDN is kept out (``private``): it would key the
    page by URL alone, whatever the reader's country."""
    response = render(request, "membership/join_page.html", join_context(request))
    asked = request.GET.get("currency")
    if asked is None or asked in enabled_currencies():
        mark_public(response, JOIN_SCOPE, reads=("currency",))
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def bad_choice(request: HttpRequest, form: JoinForm) -> HttpResponse:
    """A choice that can't be paid (an amount below the minimum, not a
    number, an unknown tier): the join page again with the reader's input and
    the error on its form, 400."""
    interval = form.data.get("interval")
    interval = interval if interval in ("month", "year") else "month"
    currency = form.cleaned_data.get("currency") or currency_of(request)
    context = join_context(request, interval=interval, currency=currency, custom_form=form)
    return render(request, "membership/join_page.html", context, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def join_confirm(request: HttpRequest) -> HttpResponse:
    """GET shows what the reader chose (and is where the email step returns
    to, through ``next=``); POST starts Checkout. A reader who is not signed
    in is sent to the email step with the choice."""
    if not request.user.is_authenticated:
        source = request.POST if request.method == "POST" else request.GET
        keep = {key: source[key] for key in CHOICE_FIELDS if source.get(key)}
        return redirect(f"{reverse('membership:join_email')}?{urlencode(keep)}")
    form = JoinForm(
        request.POST if request.method == "POST" else request.GET, currency=currency_of(request)
    )
    if not form.is_valid():
        return bad_choice(request, form)
    if billing.has_active_membership(request.user):
        messages.info(request, "You're already a member, thank you! Manage it here.")
        return redirect("membership:account")
    tier, interval, cents, currency = (
        form.cleaned_data[k] for k in ("tier", "interval", "cents", "currency")
    )
    amount = cents if cents is not None else tier.amount(interval, currency)
    fee = fee_for(amount, currency) if join_settings(request).offer_fee_cover else None
    summary = {
        "tier": tier,
        "interval": interval,
        "price_label": f"{format_amount(amount, currency)} / {interval}",
        "fee_label": format_amount(fee, currency) if fee else "",
        "total_label": f"{format_amount(amount + fee, currency)} / {interval}" if fee else "",
    }
    if request.method == "GET":
        return render(request, "membership/join_confirm.html", {"form": form, **summary})
    charged = with_fee(request, form, amount)
    try:
        url = billing.start_membership_checkout(
            request.user,
            tier,
            interval,
            charged if charged != amount else cents,
            form.attribution(),
            currency,
        )
    except billing.AlreadyMember:
        messages.info(request, "You're already a member, thank you! Manage it here.")
        return redirect("membership:account")
    except gateway.PaymentsUnavailable:
        return render(
            request,
            "membership/join_confirm.html",
            {"form": form, "unavailable": UNAVAILABLE, **summary},
            status=503,
        )
    return _see_other(url)


def _see_other(url: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def give(request: HttpRequest) -> HttpResponse:
    """A one-time gift: no account needed. The join page is stored for every
    anonymous reader, so its form carries no CSRF token: it sends the amount
    by GET, and this page confirms it (the total, the card fee if ticked) with
    a CSRF-protected button whose POST starts Checkout. A GET without an
    amount goes to the form; a bad amount comes back on it, with a 400."""
    if request.method == "GET" and "amount" not in request.GET:
        return redirect(reverse("membership:join") + "#give")
    source = request.POST if request.method == "POST" else request.GET
    form = GiftForm(source, currency=currency_of(request))
    if not form.is_valid():
        context = join_context(request, gift_form=form)
        return render(request, "membership/join_page.html", context, status=400)
    currency = form.cleaned_data["currency"]
    amount = with_fee(request, form, form.cleaned_data["amount"])
    context = {"form": form, "label": f"{format_amount(amount, currency)} once"}
    if request.method == "GET":
        return render(request, "membership/give_confirm.html", context)
    user = request.user if request.user.is_authenticated else None
    try:
        url = billing.start_gift_checkout(user, amount, form.attribution(), currency)
    except gateway.PaymentsUnavailable:
        context["unavailable"] = UNAVAILABLE
        return render(request, "membership/give_confirm.html", context, status=503)
    return _see_other(url)


def monthly_offer(request: HttpRequest, contribution: Contribution | None) -> dict | None:
    """After a one-time gift: the same amount every month, one click away
    (the confirm step, which asks a reader without a session for their email).
    Not for members, nor for an amount a monthly membership can't take."""
    if contribution is None or contribution.status != Contribution.Status.PAID:
        return None
    cents = contribution.amount
    if contribution.currency.lower() != settings.MEMBERSHIP_CURRENCY:
        return None
    if not settings.MEMBERSHIP_MIN_AMOUNT["month"] <= cents <= settings.MEMBERSHIP_MAX_AMOUNT:
        return None
    if request.user.is_authenticated and billing.has_active_membership(request.user):
        return None
    query = {"interval": "month", "amount": f"{cents / 100:.2f}"}
    if contribution.source_appeal_id:
        query["appeal"] = str(contribution.source_appeal_id)
    if contribution.source_page_id:
        query["article"] = str(contribution.source_page_id)
    return {
        "label": f"{format_amount(cents, contribution.currency)} / month",
        "href": f"{reverse('membership:join_confirm')}?{urlencode(query)}",
    }


@never_cache
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    """Checkout's success page. It only reports what the webhook recorded."""
    session_id = request.GET.get("session_id", "")
    if not CHECKOUT_SESSION_ID.fullmatch(session_id):
        session_id = ""  # not one of Stripe's ids: show the page, look nothing up
    contribution = membership = None
    if session_id:
        contribution = Contribution.objects.filter(checkout_session_id=session_id).first()
        if request.user.is_authenticated:
            membership = (
                Membership.objects.select_related("tier")
                .filter(checkout_session_id=session_id, member__user=request.user)
                .first()
            )
    confirmed = bool(contribution or (membership and membership.grants_benefits))
    context = {
        "contribution": contribution,
        "membership": membership,
        "confirmed": confirmed,
        "monthly_offer": monthly_offer(request, contribution),
    }
    return render(request, "membership/thanks.html", context)


@require_GET
def checkout_canceled(request: HttpRequest) -> HttpResponse:
    return render(request, "membership/checkout_canceled.html")
