"""Joining a list, with consent recorded (when, how, from which page).

* A signed-in reader whose address is verified joins in one click.
* Anyone else gets a confirmation email; its link opens a page with a button
  and only that POST subscribes (link scanners fetch links). The link is a
  signed token that expires; no account is needed.
* A suppressed address (hard bounce, complaint) always confirms by email
  again: confirming proves the address works and lifts the suppression.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from allauth.account.models import EmailAddress

from membership import branding
from membership.newsletters import tokens
from membership.newsletters.models import Newsletter, Subscriber, Subscription, normalize

# One confirmation email per address in this many seconds, however often the
# form is posted (someone else's address cannot be flooded).
CONFIRM_EMAIL_INTERVAL = 600


def has_verified_address(user, email: str) -> bool:
    if user is None or not user.is_authenticated or normalize(user.email) != normalize(email):
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def subscriber_for(email: str, user=None) -> Subscriber:
    subscriber, _ = Subscriber.objects.get_or_create(email=normalize(email))
    mine = user is not None and user.is_authenticated and normalize(user.email) == subscriber.email
    if mine and subscriber.user_id is None:
        subscriber.user = user
        subscriber.save(update_fields=["user"])
    return subscriber


@transaction.atomic
def request(email: str, newsletters: list[Newsletter], source: str = "", user=None) -> str:
    """Subscribe ``email`` to ``newsletters``: "subscribed" (one click) or
    "pending" (a confirmation email is on its way)."""
    subscriber = subscriber_for(email, user)
    one_click = has_verified_address(user, email) and not subscriber.suppressed
    for newsletter in newsletters:
        subscription, _ = Subscription.objects.get_or_create(
            subscriber=subscriber, newsletter=newsletter, defaults={"consent_source": source}
        )
        if one_click:
            subscription.confirm(Subscription.Method.ACCOUNT, source)
        elif subscription.status == Subscription.Status.UNSUBSCRIBED:
            subscription.status = Subscription.Status.PENDING
            subscription.save(update_fields=["status"])
    if one_click:
        return "subscribed"
    send_confirmation(subscriber, newsletters, source)
    return "pending"


def send_confirmation(subscriber: Subscriber, newsletters: list[Newsletter], source: str) -> bool:
    if not cache.add(f"newsletters:confirm-sent:{subscriber.pk}", 1, CONFIRM_EMAIL_INTERVAL):
        return False
    token = tokens.confirm_token(subscriber.pk, [n.pk for n in newsletters], source)
    context = {
        "newsletters": newsletters,
        "confirm_url": settings.SITE_URL + reverse("newsletters:confirm", args=[token]),
        "days": tokens.CONFIRM_MAX_AGE // 86400,
        "account_url": settings.SITE_URL + reverse("account:index"),
    }
    branding.send(
        subscriber.email,
        "Confirm your subscription",
        "membership/newsletters/email/confirm",
        context,
    )
    return True


@transaction.atomic
def confirm(
    subscriber: Subscriber,
    newsletter_ids: list[int],
    source: str,
    method: str = Subscription.Method.DOUBLE_OPT_IN,
) -> list[Newsletter]:
    """The POST behind a signed link sent to the address (the confirmation
    link, the welcome email's offer): every list named. It proves the address
    receives mail, so it also lifts a suppression."""
    if subscriber.suppressed:
        subscriber.suppressed, subscriber.suppressed_at = "", None
        subscriber.save(update_fields=["suppressed", "suppressed_at"])
    confirmed = []
    for newsletter in Newsletter.objects.active().filter(pk__in=newsletter_ids):
        subscription, _ = Subscription.objects.get_or_create(
            subscriber=subscriber, newsletter=newsletter
        )
        subscription.confirm(method, source)
        confirmed.append(newsletter)
    return confirmed
