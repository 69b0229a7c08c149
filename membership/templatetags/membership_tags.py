"""The one question other apps' templates ask about membership.

``{% load membership_tags %}{% is_member as member %}`` gives True when the
signed-in reader has a membership that grants perks (active, trialing, or
past due while Stripe retries). Pages that use it are personalised: never
serve them with public cache headers.

``{% account_membership user %}`` and ``{% deletion_membership_note user %}``
fill the membership slots of the account pages (one query each, made here,
not by the template).
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


def _current_membership(user) -> Membership | None:
    """The membership that grants perks now, else the latest one: one query."""
    if user is None or not user.is_authenticated:
        return None
    memberships = list(
        Membership.objects.filter(member__user_id=user.pk)
        .select_related("tier")
        .order_by("-started_at", "-pk")
    )
    return next((m for m in memberships if m.grants_benefits), None) or (
        memberships[0] if memberships else None
    )


@register.inclusion_tag("membership/components/account_membership.html")
def account_membership(user) -> dict:
    """ "Your membership" on /account/: tier, price, next payment or end date,
    payment problems, and the way to the full membership page."""
    return {"current": _current_membership(user)}


@register.inclusion_tag("membership/components/deletion_membership_note.html")
def deletion_membership_note(user) -> dict:
    """What deleting the account does to the reader's actual membership."""
    return {"current": _current_membership(user)}
