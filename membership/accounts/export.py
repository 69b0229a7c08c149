"""'Download my data': everything the site holds about one reader, as JSON."""

from typing import Any

from django.utils import timezone

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount

from membership.accounts.signals import collect_personal_data
from membership.models import User


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(user: User) -> dict[str, Any]:
    """The reader's data. Secrets (password hash, MFA keys, tokens) are left out:
    they are not personal data the reader can use, and exporting them would
    weaken the account."""
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "has_password": user.has_usable_password(),
            "is_staff": user.is_staff,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "connected_accounts": [
            {
                "provider": account.provider,
                "uid": account.uid,
                "date_joined": _iso(account.date_joined),
                "last_login": _iso(account.last_login),
            }
            for account in SocialAccount.objects.filter(user=user).order_by("provider")
        ],
        "second_factors": [
            {
                "type": authenticator.type,
                "created_at": _iso(authenticator.created_at),
                "last_used_at": _iso(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }
    for _receiver, section in collect_personal_data.send(sender=User, user=user):
        if section:
            data.update(section)
    return data
