"""The one question other apps' templates ask about membership.

``{% load membership_tags %}{% is_member as member %}`` gives True when the
signed-in reader has a membership that grants perks (active, trialing, or
past due while Stripe retries). Pages that use it are personalised: never
serve them with public cache headers.
"""

from django import template

from membership.models import Membership

register = template.Library()


@register.simple_tag(takes_context=True)
def is_member(context: template.Context) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    cache = request.__dict__.setdefault("_newsroom_is_member", {})
    if user.pk not in cache:
        cache[user.pk] = (
            Membership.objects.granting_benefits().filter(member__user_id=user.pk).exists()
        )
    return cache[user.pk]
