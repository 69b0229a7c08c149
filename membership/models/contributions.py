"""One-time gifts: mirrors of Stripe Checkout payments (``mode=payment``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Subquery
from django.db.models.functions import Lower

from allauth.account.models import EmailAddress

from membership.models.members import Attribution
from membership.models.tiers import format_amount


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
