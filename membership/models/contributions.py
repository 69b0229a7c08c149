"""Payments made once through Stripe Checkout (``mode=payment``): one-time
gifts here, gift memberships in ``membership.gifts``. ``OneTimePayment`` is
what they share: Stripe's ids, the currency, the amount refunded and the
row's times; each keeps its own amount, payer and status."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Subquery
from django.db.models.functions import Lower

from allauth.account.models import EmailAddress

from membership.models.members import Attribution
from membership.models.tiers import format_amount


class OneTimePaymentQuerySet(models.QuerySet):
    def paid_by(self, user, payer: str, payer_email: str) -> models.QuerySet:
        """Paid signed in (``payer``), or as a guest with one of the account's
        *verified* addresses (``payer_email``; an unverified address proves nothing)."""
        verified = (
            EmailAddress.objects.filter(user=user, verified=True)
            .annotate(address=Lower("email"))
            .values("address")
        )
        as_guest = {f"{payer}__isnull": True, f"{payer_email}__in": Subquery(verified)}
        return self.filter(Q(**{payer: user}) | Q(**as_guest))

    def locked_for_intent(self, payment_intent: str | None):
        """The payment of Stripe's ``payment_intent``, locked for an update
        (a refund, a dispute); None when it is none of these."""
        if not payment_intent:
            return None
        return self.select_for_update().filter(payment_intent_id=payment_intent).first()


class OneTimePayment(Attribution):
    checkout_session_id = models.CharField(max_length=255, unique=True)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    amount_refunded = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    amount: int  # in cents, declared by each payment with its own help text

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def amount_label(self) -> str:
        return format_amount(self.amount, self.currency)


class ContributionQuerySet(OneTimePaymentQuerySet):
    def for_user(self, user) -> "ContributionQuerySet":
        return self.paid_by(user, "user", "email")


class Contribution(OneTimePayment):
    """A one-time gift through Checkout ``mode=payment``."""

    class Status(models.TextChoices):
        PAID = "paid", "paid"
        REFUNDED = "refunded", "refunded"
        PARTIALLY_REFUNDED = "partially_refunded", "partially refunded"
        DISPUTED = "disputed", "disputed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    email = models.EmailField(blank=True)
    amount = models.PositiveIntegerField(help_text="In cents.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PAID)

    objects = ContributionQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.email} {self.amount_label()} {self.status}"
