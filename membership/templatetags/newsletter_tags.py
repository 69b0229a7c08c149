"""Newsletter sign-up where other templates want it (footer, article block,
account page), without the reader templates importing anything.

* ``{% newsletter_signup newsletter source field_id %}``: the compact form (a GET to
  the sign-up page; cached pages carry no CSRF token). ``newsletter`` may be a
  Newsletter or its id (what the article block stores), or None for all lists.
* ``{% account_newsletters user csrf_token %}``: the toggles on /account/.
* ``{% newsletter_offer user csrf_token %}``: after joining, the member's lists in one click.
"""

from django import template

from membership.newsletters import consent, offer, preferences
from membership.newsletters.models import Newsletter, Subscriber

register = template.Library()


@register.simple_tag
def newsletter_list() -> list[Newsletter]:
    return list(Newsletter.objects.active())


@register.inclusion_tag("membership/newsletters/compact.html")
def newsletter_signup(
    newsletter=None, source: str = "", field_id: str = "newsletter-email"
) -> dict:
    if newsletter is not None and not isinstance(newsletter, Newsletter):
        newsletter = Newsletter.objects.active().filter(pk=getattr(newsletter, "pk", newsletter))
        newsletter = newsletter.first()
    return {
        "newsletter": newsletter,
        "source": source,
        "field_id": field_id,
    }


@register.inclusion_tag("membership/newsletters/account.html")
def account_newsletters(user, csrf_token=None) -> dict:
    subscriber = Subscriber.objects.filter(email=user.email.lower()).first()
    return {
        "subscriber": subscriber,
        "form": preferences.manage_form(subscriber, user=user),
        "verified": consent.has_verified_address(user, user.email),
        "csrf_token": csrf_token,
    }


@register.inclusion_tag("membership/newsletters/offer.html")
def newsletter_offer(user, csrf_token=None) -> dict:
    """After joining: every newsletter this member may get and is not on yet,
    ticked, subscribed in one click (the address is the account's, verified)."""
    return {"newsletters": offer.lists_for(user), "email": user.email, "csrf_token": csrf_token}
