"""The reader's own pages under /account/. Thin: the work is in export/deletion."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from allauth.account.decorators import reauthentication_required
from allauth.socialaccount.adapter import get_adapter as get_social_adapter

from membership.accounts.deletion import DeletionBlocked, can_self_delete, delete_account
from membership.accounts.export import personal_data
from membership.accounts.forms import DeleteAccountForm, ProfileForm
from membership.redirects import safe_local_path


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("account:index")
    social_providers = get_social_adapter().list_providers(request)
    return render(
        request,
        "membership/account/index.html",
        {
            "form": form,
            "form_attrs": {"form": form},
            "has_password": request.user.has_usable_password(),
            "social_providers": social_providers,
            "can_delete": can_self_delete(request.user),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@require_POST
@login_required
@reauthentication_required
def export(request: HttpRequest) -> HttpResponse:
    body = json.dumps(personal_data(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"my-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    if not can_self_delete(request.user):
        return render(request, "membership/account/delete_staff.html", status=403)
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    status = 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(request.user)
        except DeletionBlocked as error:
            messages.error(request, str(error))
            status = 503
        else:
            logout(request)
            messages.success(request, "Your account and personal data have been deleted.")
            return redirect("/")
    return render(
        request,
        "membership/account/delete.html",
        {"form": form, "form_attrs": {"form": form}},
        status=status,
    )


def to_sign_in(request: HttpRequest, login_url: str) -> HttpResponse:
    """Redirect to allauth's ``login_url``, passing ``next`` on only when it is a
    path on this site (allauth checks it again after sign-in)."""
    target = resolve_url(login_url)
    next_url = safe_local_path(request, request.GET.get("next"))
    if next_url:
        target = f"{target}?{urlencode({'next': next_url})}"
    return redirect(target)


@require_GET
def admin_login(request: HttpRequest) -> HttpResponse:
    """/admin/login/ (Django's own login, not rate-limited) goes to allauth's."""
    return to_sign_in(request, "account_login")


@require_GET
def frontend_login(request: HttpRequest) -> HttpResponse:
    """/_util/login/ (Wagtail's front-end login: Django's plain ``LoginView``,
    which knows nothing of rate limits, verification or MFA) goes to allauth's."""
    return to_sign_in(request, settings.WAGTAIL_FRONTEND_LOGIN_URL)
