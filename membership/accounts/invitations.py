"""Staff invitations: an admin invites an address into a group; the invitee
opens the one-time link, chooses a password and is signed in through allauth
(so ``STAFF_REQUIRE_MFA`` then asks for a second factor before the admin).

Opening the emailed link proves the address: it counts as verified, so the
new colleague is not asked for a verification code on top. An account that
already exists for the address (a reader's, or one somebody else signed up
with that address and never verified) is taken over by the invitee: the
password they choose replaces any earlier one, which also ends every other
session of that account (docs/accounts.md, pre-hijacking)."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.account.utils import perform_login

from membership.models import StaffInvitation, User, normalize_email_address
from membership.models.invitations import token_digest

VALID_FOR = datetime.timedelta(days=7)


class InvitationUnusable(Exception):
    """The link is unknown, used already or expired (the message says which)."""


def invite(email: str, group: Group, invited_by: User | None) -> tuple[StaffInvitation, str]:
    """Records the invitation and queues its email; returns it and its link."""
    email = normalize_email_address(email)
    token = secrets.token_urlsafe(32)
    invitation = StaffInvitation.objects.create(
        email=email,
        group=group,
        invited_by=invited_by,
        token_digest=token_digest(token),
        expires_at=timezone.now() + VALID_FOR,
    )
    link = settings.SITE_URL.rstrip("/") + reverse("account:invitation", args=[token])
    inviter = (invited_by.get_full_name() or invited_by.email) if invited_by else ""
    get_adapter().send_mail(
        "membership/account/email/staff_invitation",
        email,
        {"link": link, "group": group.name, "inviter": inviter, "days": VALID_FOR.days},
    )
    return invitation, link


def find(token: str) -> StaffInvitation:
    invitation = (
        StaffInvitation.objects.select_related("group")
        .filter(token_digest=token_digest(token))
        .first()
    )
    if invitation is None:
        raise InvitationUnusable(
            "This invitation link is not valid. Check that the whole link was copied."
        )
    if invitation.accepted_at is not None:
        raise InvitationUnusable(
            "This invitation has been used already. Sign in with the address it was sent to."
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable(
            "This invitation has expired. Ask the colleague who invited you for a new one."
        )
    return invitation


def accept(token: str, password: str) -> User:
    """Creates (or takes over) the account, sets its password, verifies its
    address and adds it to the group, once: a second use of the same link, even
    at the same moment, raises :class:`InvitationUnusable`."""
    with transaction.atomic():
        invitation = find(token)
        invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise InvitationUnusable("This invitation has been used already.")
        user = User.objects.filter(email__iexact=invitation.email).first()
        if user is None:
            user = User.objects.create_user(invitation.email, password=password)
        else:
            user.set_password(password)  # replaces any earlier one, ends its sessions
            user.is_active = True
            user.save(update_fields=["password", "is_active"])
        user.groups.add(invitation.group)
        EmailAddress.objects.filter(user=user).exclude(email__iexact=invitation.email).update(
            primary=False
        )
        address, _ = EmailAddress.objects.get_or_create(
            user=user, email=invitation.email, defaults={"verified": True, "primary": True}
        )
        if not (address.verified and address.primary):
            address.verified = address.primary = True
            address.save(update_fields=["verified", "primary"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def sign_in(request: HttpRequest, user: User) -> HttpResponse:
    """Through allauth's login flow (its stages, signals and MFA), to the admin.
    The password typed in this very request counts as a fresh authentication
    (as allauth's own reauthentication records it), so setting up the second
    factor right after does not ask for the password again."""
    record_authentication(request, user, method="password", email=user.email, reauthenticated=True)
    return perform_login(
        request, user, redirect_url=reverse("wagtailadmin_home"), email=user.email
    )
