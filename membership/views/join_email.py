"""Joining needs only an email.

A reader who is not signed in gives an email address; we never say whether
an account exists for it. Behind the one form, allauth does the work with
its own views, codes, emails and rate limits:

* a known address gets allauth's sign-in code (login by code);
* a new address becomes an account through allauth's sign-up, whose email
  verification is by code (``ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED``).

Both continue on one page, ``/membership/join/code/``, which hands the code to
the allauth view of the flow that was started, rendered with the same
template, so the two paths look alike. Once the code is right, allauth signs
the reader in and sends them to the confirm page with their choice intact.
"""

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from allauth.account import views as allauth_views
from allauth.account.models import EmailAddress

from membership.currency.display import currency_of
from membership.forms import JoinEmailForm, JoinForm
from membership.models import User, format_amount, normalize_email_address
from membership.redirects import safe_local_path
from membership.views.join import bad_choice

FLOW_SESSION_KEY = "membership_join_flow"
CODE_TEMPLATE = "membership/join_code.html"
CODE_VIEWS: dict[str, Callable[..., HttpResponse]] = {
    "login": allauth_views.ConfirmLoginCodeView.as_view(template_name=CODE_TEMPLATE),
    "signup": allauth_views.ConfirmEmailVerificationCodeView.as_view(template_name=CODE_TEMPLATE),
}


def summary(form: JoinForm) -> dict:
    tier, interval, cents = (form.cleaned_data[k] for k in ("tier", "interval", "cents"))
    currency = form.cleaned_data["currency"]
    amount = cents if cents is not None else tier.amount(interval, currency)
    return {
        "tier": tier,
        "interval": interval,
        "price_label": f"{format_amount(amount, currency)} / {interval}",
    }


def confirm_url(form: JoinForm) -> str:
    return f"{reverse('membership:join_confirm')}?{urlencode(form.choice())}"


def account_exists(email: str) -> bool:
    """Whether allauth's sign-in by code would find an active account."""
    email = normalize_email_address(email)
    return (
        User.objects.filter(is_active=True, email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email, user__is_active=True).exists()
    )


def _drop_flash_messages(request: HttpRequest) -> None:
    """allauth says "sign-in code sent" or "confirmation email sent": that
    tells which flow ran, so neither is shown (the code page says it all)."""
    for _message in messages.get_messages(request):
        pass


def _call_allauth(request: HttpRequest, view: Callable[..., HttpResponse], data: dict):
    """Run an allauth view on this (CSRF-checked) POST with ``data`` as its form."""
    original = request.POST
    post = QueryDict(mutable=True)
    post.update(data)
    request.POST = post  # type: ignore[misc]
    try:
        return view(request)
    finally:
        request.POST = original  # type: ignore[misc]
        _drop_flash_messages(request)


def send_code(request: HttpRequest, form: JoinEmailForm, next_url: str) -> HttpResponse | None:
    """Email a code to the address in ``form`` (sign-in or sign-up, without
    saying which) and continue on the code page, then at ``next_url``. The
    response to send, or None with the error added to ``form``."""
    email = form.cleaned_data["email"]
    flow = "login" if account_exists(email) else "signup"
    view = allauth_views.request_login_code if flow == "login" else allauth_views.signup
    response = _call_allauth(request, view, {"email": email, "next": next_url})
    if response.status_code == 429:  # allauth's readable rate-limit page
        return response
    if isinstance(response, HttpResponseRedirect):
        request.session[FLOW_SESSION_KEY] = flow
        return redirect(f"{reverse('membership:join_code')}?{urlencode({'next': next_url})}")
    form.add_error("email", "We couldn't send a code to that address. Check it and try again.")
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def join_email(request: HttpRequest) -> HttpResponse:
    choice = JoinForm(
        request.POST if request.method == "POST" else request.GET, currency=currency_of(request)
    )
    if not choice.is_valid():
        return bad_choice(request, choice)
    next_url = confirm_url(choice)
    if request.user.is_authenticated:
        return redirect(next_url)
    form = JoinEmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        response = send_code(request, form, next_url)
        if response is not None:
            return response
    context = {"form": form, "form_attrs": {"form": form}, "choice": choice, **summary(choice)}
    return render(
        request, "membership/join_email.html", context, status=400 if form.errors else 200
    )


@never_cache
@require_http_methods(["GET", "POST"])
def join_code(request: HttpRequest) -> HttpResponse:
    """Enter the emailed code: allauth's confirm view of the flow started."""
    asked = request.POST.get("next") or request.GET.get("next")
    next_url = safe_local_path(request, asked) or reverse("membership:join")
    flow = request.session.get(FLOW_SESSION_KEY)
    if request.user.is_authenticated or flow not in CODE_VIEWS:
        return redirect(next_url)
    response = CODE_VIEWS[flow](request)
    if not isinstance(response, HttpResponseRedirect):
        return response  # the code form, again with an error if the code was wrong
    path = urlsplit(response["Location"]).path
    if path in (reverse("account_confirm_login_code"), reverse("account_email_verification_sent")):
        # "Send a new code": stay on this page, whichever flow it is.
        _drop_flash_messages(request)
        return redirect(f"{reverse('membership:join_code')}?{urlencode({'next': next_url})}")
    request.session.pop(FLOW_SESSION_KEY, None)
    if path in (reverse("account_login"), reverse("account_request_login_code")):
        # Too many wrong codes (or the code expired): start again from the choice.
        return redirect(next_url)
    return response  # signed in: on to the confirm page
