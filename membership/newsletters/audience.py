"""Who gets an issue, resolved when it is sent (not when the reader subscribed).

A members-only newsletter goes to subscribers whose account has a membership
granting benefits now (in one of the newsletter's tiers, if it names any): a
lapsed member stays subscribed but gets nothing until they rejoin."""

from django.db.models import Exists, OuterRef, QuerySet

from membership.models.members import Membership
from membership.newsletters.models import Newsletter, Subscriber, Subscription


def eligible_memberships(newsletter: Newsletter):
    memberships = Membership.objects.granting_benefits()
    tier_ids = [tier.pk for tier in newsletter.tiers.all()]
    if tier_ids:
        memberships = memberships.filter(tier_id__in=tier_ids)
    return memberships


def can_receive(newsletter: Newsletter, user) -> bool:
    """May this account subscribe to (and get) the newsletter now?"""
    if not newsletter.members_only:
        return True
    if user is None or not user.is_authenticated:
        return False
    return eligible_memberships(newsletter).filter(member__user=user).exists()


def recipients(newsletter: Newsletter) -> QuerySet[Subscriber]:
    subscribed = Subscription.objects.subscribed().filter(
        newsletter=newsletter, subscriber=OuterRef("pk")
    )
    subscribers = Subscriber.objects.filter(Exists(subscribed), suppressed="")
    if newsletter.members_only:
        members = eligible_memberships(newsletter).filter(member__user=OuterRef("user"))
        subscribers = subscribers.filter(user__isnull=False).filter(Exists(members))
    return subscribers
