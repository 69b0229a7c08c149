"""Staff set up a second factor before they use the Wagtail admin (STAFF_REQUIRE_MFA)."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def needs_second_factor(user) -> bool:
    """Editors and admins (anyone who may open the admin) without TOTP or a passkey."""
    if not user.is_authenticated:
        return False
    if not (user.is_staff or user.has_perm("wagtailadmin.access_admin")):
        return False
    return not is_mfa_enabled(user, types=SECOND_FACTORS)


class StaffMFAMiddleware:
    """When ``STAFF_REQUIRE_MFA`` is on, an admin request from staff without a
    second factor is sent to the two-factor setup page instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            getattr(settings, "STAFF_REQUIRE_MFA", False)
            and request.path.startswith(reverse("wagtailadmin_home"))
            and needs_second_factor(request.user)
        ):
            messages.warning(
                request,
                "Staff accounts need two-factor authentication. "
                "Set up an authenticator app or a security key to continue to the admin.",
            )
            return redirect("mfa_index")
        return self.get_response(request)
