"""After joining, the member's newsletters in one click: the public lists and
the members-only ones their membership gets, less those they are already on.

* The thank-you page (signed in, verified address): a form posting to the
  sign-up view, which subscribes a verified address at once.
* The welcome email: a form (and a link to the same page, for mail clients
  that drop forms) posting a signed token that names the account, its address
  and the lists offered. The token came to that address, so no second
  confirmation is needed; the lists are checked again when it is used (a
  lapsed member gets no members-only list), and a changed address voids it.
"""

from django.conf import settings
from django.urls import reverse

from membership.newsletters import consent, preferences, tokens
from membership.newsletters.forms import offered
from membership.newsletters.models import Newsletter, Subscriber, Subscription, normalize

SOURCE = "/membership/welcome-email/"


def lists_for(user) -> list[Newsletter]:
    subscriber = Subscriber.objects.filter(email=normalize(user.email)).first()
    current = preferences.subscribed_ids(subscriber)
    return [n for n in offered(user) if n.pk not in current]


def welcome_offer(user) -> dict | None:
    """What the welcome email shows: the lists and the signed URL they post to."""
    newsletters = lists_for(user)
    if not newsletters:
        return None
    token = tokens.offer_token(user.pk, normalize(user.email), [n.pk for n in newsletters])
    url = settings.SITE_URL + reverse("newsletters:welcome", args=[token])
    return {"newsletters": newsletters, "url": url}


def still_offered(user, newsletter_ids: list[int]) -> list[Newsletter]:
    """The token's lists this account may still get (checked when it is used)."""
    return [n for n in offered(user) if n.pk in set(newsletter_ids)]


def accept(user, newsletters: list[Newsletter]) -> list[Newsletter]:
    subscriber = consent.subscriber_for(user.email, user)
    return consent.confirm(
        subscriber, [n.pk for n in newsletters], SOURCE, Subscription.Method.WELCOME_EMAIL
    )
