"""The account page's care actions: pause and resume payments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from membership import stripe_gateway as gateway
from membership.care import pause as pausing
from membership.care.forms import PauseForm
from membership.models import Member
from membership.views.account import account_context
from membership.views.join import UNAVAILABLE


def _current(request: HttpRequest):
    member = Member.objects.filter(user=request.user).first()
    return member.current_membership() if member else None


def _account_again(request: HttpRequest, status: int, **extra) -> HttpResponse:
    """The account page with an inline error; nothing was changed."""
    context = account_context(request, **extra)
    return render(request, "membership/account.html", context, status=status)


@never_cache
@login_required
@require_POST
def pause(request: HttpRequest) -> HttpResponse:
    form = PauseForm(request.POST)
    if not form.is_valid():
        return _account_again(request, 400, pause_form=form)
    try:
        resumes = pausing.pause(_current(request), form.cleaned_data["months"])
    except pausing.CannotPause as error:
        return _account_again(request, 409, care_error=str(error))
    except gateway.PaymentsUnavailable:
        return _account_again(request, 503, pause_form=form, care_error=UNAVAILABLE)
    messages.success(
        request,
        f"Your payments are paused until {resumes:%-d %B %Y}; your membership carries on. "
        "It shows here as soon as Stripe confirms it.",
    )
    return redirect("membership:account")


@never_cache
@login_required
@require_POST
def resume(request: HttpRequest) -> HttpResponse:
    try:
        pausing.resume(_current(request))
    except pausing.CannotPause as error:
        return _account_again(request, 409, care_error=str(error))
    except gateway.PaymentsUnavailable:
        return _account_again(request, 503, care_error=UNAVAILABLE)
    messages.success(request, "Payments resume with your next invoice. Thank you!")
    return redirect("membership:account")
