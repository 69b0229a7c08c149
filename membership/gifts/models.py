"""A gift membership, recorded when Stripe reports it paid (never before)."""

import datetime
import secrets

from django.conf import settings
from django.db import models

from membership.models.contributions import OneTimePayment, OneTimePaymentQuerySet
from membership.models.tiers import Tier

GIFT_MONTHS = (1, 3, 6, 12)
CLAIM_VALID_FOR = datetime.timedelta(days=365)
REMIND_BEFORE = datetime.timedelta(days=7)
# ``metadata.newsroom`` on the Checkout Session and its payment.
CHECKOUT_KIND = "gift_membership"


def new_claim_token() -> str:
    return secrets.token_urlsafe(32)


class GiftMembershipQuerySet(OneTimePaymentQuerySet):
    def bought_by(self, user) -> "GiftMembershipQuerySet":
        return self.paid_by(user, "buyer", "buyer_email")

    def due_for_delivery(self, today: datetime.date) -> "GiftMembershipQuerySet":
        return self.filter(status=GiftMembership.Status.SCHEDULED, deliver_on__lte=today)

    def due_for_reminder(self, now: datetime.datetime) -> "GiftMembershipQuerySet":
        return self.filter(
            status=GiftMembership.Status.SENT,
            reminded_at__isnull=True,
            claim_expires_at__gt=now,
            claim_expires_at__lte=now + REMIND_BEFORE,
        )

    def past_claim_date(self, now: datetime.datetime) -> "GiftMembershipQuerySet":
        return self.filter(status=GiftMembership.Status.SENT, claim_expires_at__lte=now)


class GiftMembership(OneTimePayment):
    """Months of a tier, paid once by a buyer for a recipient, claimed once
    (attributed, like memberships, to the appeal or article that led to it)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "scheduled"
        SENT = "sent", "sent"
        CLAIMED = "claimed", "claimed"
        EXPIRED = "expired", "expired"
        REFUNDED = "refunded", "refunded"

    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gift_memberships_bought",
    )
    buyer_email = models.EmailField(blank=True)
    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="+")
    months = models.PositiveSmallIntegerField()
    amount = models.PositiveIntegerField(help_text="Paid, in cents.")
    recipient_email = models.EmailField()
    message = models.TextField(blank=True)
    deliver_on = models.DateField(help_text="The day the recipient gets the claim email.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    claim_token = models.CharField(max_length=64, unique=True, default=new_claim_token)
    sent_at = models.DateTimeField(null=True, blank=True)
    claim_expires_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gift_memberships_claimed",
    )
    stripe_subscription_id = models.CharField(max_length=255, blank=True)
    extended_existing = models.BooleanField(
        default=False, help_text="Claimed by a paying member: their next charge moved."
    )
    benefits_until = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)

    objects = GiftMembershipQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.tier}, {self.months} months for {self.recipient_email} ({self.status})"

    def months_label(self) -> str:
        return "1 month" if self.months == 1 else f"{self.months} months"

    def claimable(self, now: datetime.datetime) -> bool:
        return self.status == self.Status.SENT and bool(
            self.claim_expires_at and self.claim_expires_at > now
        )

    def why_not_claimable(self, now: datetime.datetime) -> str:
        if self.status == self.Status.CLAIMED:
            return "This gift membership has already been claimed."
        if self.status == self.Status.REFUNDED:
            return "This gift membership was cancelled and refunded."
        if self.status == self.Status.SCHEDULED:
            return "This gift membership can't be claimed yet."
        return "This claim link has expired."
