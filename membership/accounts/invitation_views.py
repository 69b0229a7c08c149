"""The two pages of a staff invitation: the admin's "Invite staff" (Settings →
Invite staff, for those who may add users) and the invitee's one-time link
(``/account/invitation/<token>/``). The work is in ``invitations``."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from membership.accounts import invitations
from membership.models import StaffInvitation

INVITE_PERMISSION = "membership.add_user"


def may_invite(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(INVITE_PERMISSION))


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    group = forms.ModelChoiceField(
        queryset=Group.objects.order_by("name"),
        label="Group",
        help_text="What they may do: Reporters write and submit, Editors also publish, "
        "Audience sees the membership reports.",
        empty_label=None,
    )


class AcceptForm(forms.Form):
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="The password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are not the same.")
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


@never_cache
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    if not may_invite(request.user):
        raise PermissionDenied
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation, _ = invitations.invite(
            form.cleaned_data["email"], form.cleaned_data["group"], request.user
        )
        messages.success(
            request,
            f"Invitation sent to {invitation.email} ({invitation.group.name}). "
            f"The link works once, for {invitations.VALID_FOR.days} days.",
        )
        return redirect("staff_invitations")
    recent = StaffInvitation.objects.select_related("group")[:20]
    return render(
        request,
        "membership/account/invite_staff.html",
        {"form": form, "invitations": recent},
        status=400 if form.errors else 200,
    )


def unusable(request: HttpRequest, error: invitations.InvitationUnusable) -> HttpResponse:
    """410 Gone, saying whether the link was used, expired or never issued."""
    return render(
        request, "membership/account/invitation_unusable.html", {"reason": str(error)}, status=410
    )


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitations.find(token)
    except invitations.InvitationUnusable as error:
        return unusable(request, error)
    form = AcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(token, form.cleaned_data["password1"])
        except invitations.InvitationUnusable as error:
            return unusable(request, error)
        return invitations.sign_in(request, user)
    return render(
        request,
        "membership/account/invitation_accept.html",
        {"form": form, "form_attrs": {"form": form}, "invitation": invitation},
        status=400 if form.errors else 200,
    )
