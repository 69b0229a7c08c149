"""One address's lists: what the manage page and /account/ show and change."""

from django.db import transaction

from membership.newsletters.forms import ManageForm, offered
from membership.newsletters.models import Newsletter, Subscriber, Subscription


def subscribed_ids(subscriber: Subscriber | None) -> set[int]:
    if subscriber is None or subscriber.pk is None:
        return set()
    return set(subscriber.subscriptions.subscribed().values_list("newsletter_id", flat=True))


def manage_form(subscriber: Subscriber | None, data=None, user=None) -> ManageForm:
    user = user or (subscriber.user if subscriber else None)
    current = subscribed_ids(subscriber)
    newsletters = offered(user)
    shown = {n.pk for n in newsletters}
    # A list the address is on stays shown (to leave it), even if no longer offered.
    newsletters += list(Newsletter.objects.filter(pk__in=current - shown))
    return ManageForm(data, newsletters=newsletters, subscribed=current)


@transaction.atomic
def apply(subscriber: Subscriber, form: ManageForm, method: str, source: str) -> int:
    """Subscribe to the ticked lists, leave the others; returns how many changed."""
    chosen, changed = form.chosen(), 0
    for newsletter in form.newsletters:
        subscription = Subscription.objects.filter(
            subscriber=subscriber, newsletter=newsletter
        ).first()
        if newsletter.pk in chosen:
            if subscription is None:
                subscription = Subscription(subscriber=subscriber, newsletter=newsletter)
            changed += subscription.confirm(method, source)
        elif subscription is not None and subscription.status == Subscription.Status.SUBSCRIBED:
            changed += subscription.unsubscribe(f"{method} page")
    return changed
