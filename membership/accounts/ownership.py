"""Account pre-hijacking: a password set before the address was confirmed.

Anyone can sign up someone else's address with a password of their choosing;
the account then waits, unverified. When the owner of the address later
proves it (signs in by emailed code, resets the password, enters a
verification code), allauth sends ``email_confirmed``. If no address of the
account was verified before, its password was chosen by someone who had not
proved anything, so it stops working (``set_unusable_password``) unless the
person confirming typed it in this very session (at sign-up, at a password
sign-in, or by setting it). Django ties every session to the password hash,
so changing it ends every other session of the account; this one is carried
over. The reader is told on screen.

Where the password stays (typed here), other sessions end all the same: a
password sign-in to an account with no verified address hashes the password
anew (``password_typed``). allauth lets nobody in before the address is
verified, so no session opened since can be someone else's.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash, user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from allauth.account.models import EmailAddress
from allauth.account.signals import (
    email_confirmed,
    password_changed,
    password_reset,
    password_set,
    user_signed_up,
)

from membership.models import User

TYPED_HERE_KEY = "ownership.password_typed_here"
CARRY_OVER_KEY = "ownership.carry_session_over"
REMOVED_MESSAGE = (
    "We removed a password that was set before you confirmed this address: "
    "whoever set it had not shown that the address is theirs. Sign in with an "
    "emailed code, or set a new password on your account page. Any other "
    "device signed in to this account has been signed out."
)


def note_password_typed(request: HttpRequest, user: User) -> None:
    """This session knows the account's current password (typed or set here)."""
    request.session[TYPED_HERE_KEY] = [user.pk, user.get_session_auth_hash()]


def password_typed(request: HttpRequest, user: User, password: str) -> None:
    """A password sign-in succeeded (allauth then asks for the emailed code if
    the address is unverified). Sessions opened on a not yet verified account
    did not come through allauth: hashing the password anew ends them."""
    verified = EmailAddress.objects.filter(user_id=user.pk).values_list("verified", flat=True)
    if verified and not any(verified):
        user.set_password(password)
        user.save(update_fields=["password"])
    note_password_typed(request, user)


def password_typed_here(request: HttpRequest, user: User) -> bool:
    return request.session.get(TYPED_HERE_KEY) == [user.pk, user.get_session_auth_hash()]


def first_proof_of_ownership(email_address: EmailAddress) -> bool:
    """Whether no other address of the account had been verified before."""
    others = EmailAddress.objects.filter(user_id=email_address.user_id, verified=True)
    return not others.exclude(pk=email_address.pk).exists()


@receiver(email_confirmed, dispatch_uid="ownership.email_confirmed")
def drop_password_set_before_confirmation(
    sender: Any, request: HttpRequest | None, email_address: EmailAddress, **kwargs: Any
) -> None:
    if request is None or not first_proof_of_ownership(email_address):
        return
    user = email_address.user
    signed_in_as = request.user.pk if request.user.is_authenticated else None
    if signed_in_as not in (None, user.pk):
        return  # staff confirming someone's address in the admin prove nothing
    had_password = user.has_usable_password()
    if had_password and password_typed_here(request, user):
        return
    # A new unusable password changes the session hash: every session of the
    # account ends, including one an attacker opened before.
    user.set_unusable_password()
    user.save(update_fields=["password"])
    if signed_in_as == user.pk:
        update_session_auth_hash(request, user)
    else:
        # allauth signs the reader in next, with its own copy of the user.
        request.session[CARRY_OVER_KEY] = user.pk
    if had_password:
        messages.warning(request, REMOVED_MESSAGE)


@receiver(user_logged_in, dispatch_uid="ownership.user_logged_in")
def carry_session_over(
    sender: Any, request: HttpRequest | None, user: User, **kwargs: Any
) -> None:
    """The sign-in that follows a confirmation stored the old password's hash."""
    if request is None or request.session.get(CARRY_OVER_KEY) != user.pk:
        return
    del request.session[CARRY_OVER_KEY]
    user.refresh_from_db(fields=["password"])
    update_session_auth_hash(request, user)


@receiver(user_signed_up, dispatch_uid="ownership.user_signed_up")
def signed_up_with_password(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    if user.has_usable_password():
        note_password_typed(request, user)


@receiver(password_set, dispatch_uid="ownership.password_set")
@receiver(password_changed, dispatch_uid="ownership.password_changed")
@receiver(password_reset, dispatch_uid="ownership.password_reset")
def password_chosen_here(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    note_password_typed(request, user)
