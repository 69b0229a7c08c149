"""Members and what they give: mirrors of Stripe subscriptions and payments.

Nothing here is written from a browser redirect: rows change only when a
verified webhook (or the reconcile command) has read Stripe's state.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

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
    """Which article (and which appeal on it), or which newsletter issue,
    converted the reader."""

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
    source_newsletter = models.ForeignKey(
        "membership.Newsletter",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The newsletter whose link the reader followed to join.",
    )
    source_newsletter_issue = models.ForeignKey(
        "membership.Issue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The issue of that newsletter, when the link named it.",
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
    """Who is a member when: the one definition, used by the audience reports
    and by the appeals' goals.

    **Membership state at a moment T** is reconstructed from the timestamps each
    membership mirrors from Stripe, so past months can be counted too. A
    membership is *active at T* when it started before T and had not lapsed
    before T (``started_at < T <= lapsed_at``), i.e. its state just before T. It
    *lapsed* at:

    * ``ended_at`` when Stripe has ended the subscription (cancelled now, or at
      the end of the paid period);
    * for a cancelled subscription without ``ended_at`` (should not happen),
      ``canceled_at``;
    * for a subscription that is ``paused`` or ``unpaid`` now (perks stopped but
      Stripe has not ended it), the moment we last synced it from Stripe: the
      webhook that told us about the change. We keep no history of statuses, so
      this is the best evidence we have;
    * never, otherwise (active, trialing, past due: the reader is a member now).

    Subscriptions that never started (``incomplete``, ``incomplete_expired``:
    the first payment failed) are never counted. With these rules, for any
    period: members at its end = members at its start + joined - churned,
    counted as distinct members.

    The ``*_condition`` methods return ``Q`` objects for aggregate filters
    (several counts in one query); they need :meth:`with_lapsed_at`.
    """

    def granting_benefits(self) -> "MembershipQuerySet":
        return self.filter(status__in=Membership.BENEFIT_STATUSES)

    # --- conditions, for filter() and aggregate filters -----------------------------------

    def with_lapsed_at(self) -> "MembershipQuerySet":
        """Alias ``lapsed_at``: when a membership stopped counting (NULL: it still counts)."""
        status = Membership.Status
        return self.alias(
            lapsed_at=Case(
                When(ended_at__isnull=False, then=F("ended_at")),
                When(
                    status=status.CANCELED,
                    then=Coalesce("canceled_at", "stripe_synced_at", "updated_at"),
                ),
                When(
                    status__in=(status.PAUSED, status.UNPAID),
                    then=Coalesce("stripe_synced_at", "updated_at"),
                ),
                default=None,
                output_field=DateTimeField(),
            )
        )

    @staticmethod
    def active_at_condition(moment: datetime.datetime) -> Q:
        """Active just before ``moment``."""
        return (
            Q(started_at__lt=moment)
            & ~Q(status__in=Membership.NEVER_STARTED)
            & (Q(lapsed_at__isnull=True) | Q(lapsed_at__gte=moment))
        )

    @staticmethod
    def member_was_active_at(moment: datetime.datetime) -> Exists:
        """For a membership row: did the same member have any membership active at ``moment``?"""
        return Exists(
            Membership.objects.with_lapsed_at().filter(
                MembershipQuerySet.active_at_condition(moment), member=OuterRef("member")
            )
        )

    @staticmethod
    def joined_in_condition(start: datetime.datetime, end: datetime.datetime) -> Q:
        """A membership that started in [start, end) for a reader who was not a
        member just before ``start`` (a switch or a rejoin within a membership is
        not "new")."""
        return (
            Q(started_at__gte=start, started_at__lt=end)
            & ~Q(status__in=Membership.NEVER_STARTED)
            & ~MembershipQuerySet.member_was_active_at(start)
        )

    @staticmethod
    def churned_in_condition(start: datetime.datetime, end: datetime.datetime) -> Q:
        """A membership that lapsed in [start, end) for a reader who was no longer
        a member at ``end`` (a reader who rejoined in time has not churned)."""
        return (
            Q(lapsed_at__gte=start, lapsed_at__lt=end)
            & ~Q(status__in=Membership.NEVER_STARTED)
            & Q(started_at__isnull=False)
            & ~MembershipQuerySet.member_was_active_at(end)
        )

    # --- the same, as querysets ----------------------------------------------------------

    def active_at(self, moment: datetime.datetime) -> "MembershipQuerySet":
        return self.with_lapsed_at().filter(self.active_at_condition(moment))

    def joined_in(self, start: datetime.datetime, end: datetime.datetime) -> "MembershipQuerySet":
        return self.filter(self.joined_in_condition(start, end))

    def churned_in(self, start: datetime.datetime, end: datetime.datetime) -> "MembershipQuerySet":
        return self.with_lapsed_at().filter(self.churned_in_condition(start, end))

    def started(self) -> "MembershipQuerySet":
        """Memberships that began (the first payment went through), ended or not."""
        return self.exclude(status__in=Membership.NEVER_STARTED).filter(started_at__isnull=False)

    def member_count(self) -> int:
        """Distinct members (a reader with two memberships counts once)."""
        return self.values("member").distinct().count()

    def member_count_subquery(self) -> Subquery:
        """``member_count()`` as an expression, for another model's query to
        count with (the grouping on a constant leaves one row: the count)."""
        counted = (
            self.order_by()
            .annotate(everyone=Value(1))
            .values("everyone")
            .annotate(count=Count("member", distinct=True))
            .values("count")
        )
        return Subquery(counted, output_field=IntegerField())


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
    # The first payment failed: never a member.
    NEVER_STARTED = (Status.INCOMPLETE, Status.INCOMPLETE_EXPIRED)

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
    # Stripe's pause_collection: no payments until paused_until (perks go on).
    payments_paused = models.BooleanField(default=False)
    paused_until = models.DateTimeField(null=True, blank=True)
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
