"""'Delete my account': personal data removed, kept records anonymised."""

import logging

from django.db import transaction

from membership.accounts.signals import account_deleting
from membership.models import User

logger = logging.getLogger(__name__)


class DeletionBlocked(Exception):
    """Raised by an ``account_deleting`` receiver that cannot do its part now
    (say, the payment provider is unreachable). The deletion rolls back and
    the reader sees ``str(error)``, so write it for them."""


def can_self_delete(user: User) -> bool:
    """Staff accounts own pages and revisions in the admin: an administrator
    removes them (deactivating keeps the history), not the account page."""
    return not (user.is_staff or user.is_superuser)


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete ``user`` and everything that identifies them.

    ``account_deleting`` receivers run first (inside this transaction) so
    other parts of the site can cancel what must be cancelled and keep
    accounting records without personal data. Then the user row goes; its
    email addresses, connected accounts, second factors and Wagtail profile
    cascade with it. Any error rolls the whole deletion back;
    :class:`DeletionBlocked` carries a message for the reader.
    """
    user_id = user.pk
    account_deleting.send(sender=User, user=user)
    # Other sessions of this user become anonymous on their next request:
    # Django's auth middleware finds no user behind them.
    user.delete()
    logger.info("Account %s deleted at the reader's request", user_id)
