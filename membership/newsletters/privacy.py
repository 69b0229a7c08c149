"""Newsletters in "download my data" and "delete my account"
(``membership.accounts.signals``; connected in ``MembershipConfig.ready``)."""

from typing import Any

from django.db.models import Q
from django.dispatch import receiver

from membership.accounts.signals import account_deleting, collect_personal_data
from membership.models.users import User
from membership.newsletters.models import Subscriber, Subscription, normalize


def subscribers_of(user: User):
    return Subscriber.objects.filter(Q(user=user) | Q(email=normalize(user.email)))


def subscription_rows(subscriptions) -> list[dict[str, Any]]:
    return [subscription.record() for subscription in subscriptions]


@receiver(collect_personal_data, dispatch_uid="newsletters-personal-data")
def newsletter_data(sender: Any, user: User, **kwargs: Any) -> dict[str, Any]:
    subscriptions = (
        Subscription.objects.filter(subscriber__in=subscribers_of(user))
        .select_related("subscriber", "newsletter")
        .order_by("newsletter__slug")
    )
    return {"newsletter_subscriptions": subscription_rows(subscriptions)}


@receiver(account_deleting, dispatch_uid="newsletters-account-deleting")
def delete_subscriptions(sender: Any, user: User, **kwargs: Any) -> None:
    """The address, its subscriptions, consent records and deliveries go."""
    subscribers_of(user).delete()
