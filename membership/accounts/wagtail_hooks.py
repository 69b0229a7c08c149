"""Settings → Invite staff in the Wagtail admin (imported by
``membership.wagtail_hooks``, which Wagtail loads)."""

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from membership.accounts.invitation_views import invite, may_invite


class InviteMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return may_invite(request.user)


@hooks.register("register_admin_urls")
def register_invitation_urls() -> list[Any]:
    return [path("staff-invitations/", invite, name="staff_invitations")]


@hooks.register("register_settings_menu_item")
def register_invite_menu_item() -> MenuItem:
    return InviteMenuItem(
        "Invite staff", reverse("staff_invitations"), icon_name="mail", order=610
    )
