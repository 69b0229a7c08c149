"""Members and what they give: mirrors of Stripe subscriptions and payments.

Nothing here is written from a browser redirect: rows change only when a
verified webhook (or the reconcile command) has read Stripe's state.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q, Subquery
from django.db.models.functions import Lower

from allauth.account.models import EmailAddress

from membership.models.tiers import Tier, format_amount


class Member(models.Model):
    """A user who has (or had) a Stripe customer: created by us, once.

    When the reader deletes their account the row stays, without a user, so
    the memberships kept for accounting still follow Stripe's state (a
    subscription cancelled at period end still ends through a webhook).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    stripe_customer_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(
        null=True, blank=True, help_text="When the reader deleted their account."
    )

    def __str__(self) -> str:
        return str(self.user) if self.user_id else f"Deleted account (member {self.pk})"

    def current_membership(self) -> "Membership | None":
        """The membership that grants perks now, else the latest one."""
        memberships = list(self.memberships.select_related("tier").order_by("-started_at"))
        for membership in memberships:
            if membership.grants_benefits:
                return membership
        return memberships[0] if memberships else None


class Attribution(models.Model):
    """Which article (and which appeal on it) converted the reader."""

    source_page_id = models.PositiveIntegerField(
        null=True, blank=True, db_index=True, help_text="Page id of the converting article."
    )
    source_article = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Kept as a plain id too, so deleting the page keeps the number.",
    )
    appeal = models.CharField(max_length=64, blank=True)
    source_appeal = models.ForeignKey(
        "membership.Appeal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The appeal whose button the reader followed, when it still exists.",
    )
    conversion_counted_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When this was counted as a conversion of its appeal (once).",
    )

    class Meta:
        abstract = True


class MembershipQuerySet(models.QuerySet["Membership"]):
    def granting_benefits(self) -> "MembershipQuerySet":
        return self.filter(status__in=Membership.BENEFIT_STATUSES)


class Membership(Attribution):
    """The local mirror of one Stripe subscription."""

    class Status(models.TextChoices):
        INCOMPLETE = "incomplete", "incomplete"
        INCOMPLETE_EXPIRED = "incomplete_expired", "incomplete, expired"
        TRIALING = "trialing", "trialing"
        ACTIVE = "active", "active"
        PAST_DUE = "past_due", "past due"
        CANCELED = "canceled", "canceled"
        UNPAID = "unpaid", "unpaid"
        PAUSED = "paused", "paused"

    # Perks continue while Stripe retries a failed payment (grace period).
    BENEFIT_STATUSES = (Status.ACTIVE, Status.TRIALING, Status.PAST_DUE)

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    stripe_subscription_id = models.CharField(max_length=255, unique=True)
    checkout_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    tier = models.ForeignKey(Tier, null=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices)
    interval = models.CharField(max_length=5)
    amount = models.PositiveIntegerField(help_text="Per interval, in cents.")
    currency = models.CharField(max_length=3)
    current_period_end = models.DateTimeField(null=True)
    cancel_at_period_end = models.BooleanField(default=False)
    cancel_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True)
    canceled_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    stripe_synced_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.member} {self.tier} {self.status}"

    @property
    def grants_benefits(self) -> bool:
        return self.status in self.BENEFIT_STATUSES

    @property
    def payment_problem(self) -> bool:
        return self.status in (self.Status.PAST_DUE, self.Status.UNPAID)

    @property
    def ends_at(self):
        return self.cancel_at or (self.current_period_end if self.cancel_at_period_end else None)

    def price_label(self) -> str:
        return f"{format_amount(self.amount, self.currency)} / {self.interval}"


class ContributionQuerySet(models.QuerySet["Contribution"]):
    def for_user(self, user) -> "ContributionQuerySet":
        """Gifts made signed in, or as a guest with one of the account's
        *verified* addresses (an unverified address proves nothing)."""
        verified = (
            EmailAddress.objects.filter(user=user, verified=True)
            .annotate(address=Lower("email"))
            .values("address")
        )
        return self.filter(Q(user=user) | Q(user__isnull=True, email__in=Subquery(verified)))


class Contribution(Attribution):
    """A one-time gift through Checkout ``mode=payment``."""

    class Status(models.TextChoices):
        PAID = "paid", "paid"
        REFUNDED = "refunded", "refunded"
        PARTIALLY_REFUNDED = "partially_refunded", "partially refunded"
        DISPUTED = "disputed", "disputed"

    checkout_session_id = models.CharField(max_length=255, unique=True)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    email = models.EmailField(blank=True)
    amount = models.PositiveIntegerField(help_text="In cents.")
    amount_refunded = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PAID)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} {self.amount_label()} {self.status}"

    def amount_label(self) -> str:
        return format_amount(self.amount, self.currency)
