"""Emails to members, sent through Django's task framework after the
transaction that caused them has committed (``sync.notices.notify_once``)."""

from django.conf import settings
from django.urls import reverse

from django_tasks import task

from membership import branding
from membership.models import Contribution, Membership
from membership.newsletters.offer import welcome_offer

SUBJECTS = {
    "welcome": "Welcome, and thank you for becoming a member",
    "payment_failed": "Your membership payment didn't go through",
    "action_required": "Please confirm your membership payment",
    "cancellation": "Your membership has been cancelled",
    "gift_thanks": "Thank you for your gift",
}


@task()
def send_notice(kind: str, object_id: int) -> None:
    if kind == "gift_thanks":
        contribution = Contribution.objects.filter(pk=object_id).first()
        if contribution is None or not contribution.email:
            return
        to, context = contribution.email, {"contribution": contribution}
    else:
        membership = Membership.objects.select_related("member__user", "tier").get(pk=object_id)
        if membership.member.user is None:  # the reader deleted their account
            return
        to, context = membership.member.user.email, {"membership": membership}
        if kind == "welcome":  # the member's newsletters, in one click
            context["newsletter_offer"] = welcome_offer(membership.member.user)
    context.update(
        account_url=settings.SITE_URL + reverse("membership:account"),
        join_url=settings.SITE_URL + reverse("membership:join"),
    )
    branding.send(to, SUBJECTS[kind], f"membership/email/{kind}", context)
