"""Membership tiers: edited by the Audience team as a Wagtail snippet."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

INTERVALS = {"month": "month", "year": "year"}


def format_amount(amount: int | None, currency: str) -> str:
    """``1050, "usd"`` → ``"$10.50"``; whole amounts drop the cents."""
    if amount is None:
        return ""
    symbols = {"usd": "$", "eur": "€", "gbp": "£", "cad": "CA$", "aud": "A$"}
    major = f"{amount // 100:,}" if amount % 100 == 0 else f"{amount / 100:,.2f}"
    symbol = symbols.get(currency.lower())
    return f"{symbol}{major}" if symbol else f"{major} {currency.upper()}"


class TierQuerySet(models.QuerySet["Tier"]):
    def active(self) -> "TierQuerySet":
        return self.filter(active=True)

    def for_custom_amount(self, interval: str, amount: int) -> "Tier | None":
        """The tier a custom amount buys: the best active tier whose price for
        that interval it meets, or the entry tier when it meets none."""
        field = f"{interval}ly_amount"
        tiers = list(self.active().exclude(stripe_product_id="").order_by(field))
        chosen = tiers[0] if tiers else None
        for tier in tiers:
            if getattr(tier, field) <= amount:
                chosen = tier
        return chosen


class Tier(models.Model):
    """A way to support the newsroom, e.g. "Supporter, $5 a month".

    Amounts are edited here and pushed to Stripe by ``manage.py
    stripe_sync_tiers``, which finds each price by its lookup key; the
    amounts stored here are what the join page shows."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(
        max_length=40,
        unique=True,
        help_text="Stable identifier; part of the Stripe lookup keys. Don't change it once live.",
    )
    description = models.TextField(blank=True, help_text="One or two sentences for the join page.")
    benefits = models.TextField(blank=True, help_text="One benefit per line.")
    currency = models.CharField(max_length=3, default="usd", help_text="ISO code, e.g. usd.")
    monthly_amount = models.PositiveIntegerField(help_text="Monthly price in cents, e.g. 500.")
    yearly_amount = models.PositiveIntegerField(help_text="Yearly price in cents, e.g. 5000.")
    recommended = models.BooleanField(default=False, help_text="Highlight on the join page.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")
    active = models.BooleanField(default=True, help_text="Inactive tiers can't be joined.")
    stripe_product_id = models.CharField(max_length=255, blank=True, editable=False)
    synced_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = TierQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("benefits"),
        MultiFieldPanel(
            [FieldPanel("currency"), FieldPanel("monthly_amount"), FieldPanel("yearly_amount")],
            heading="Prices (run stripe_sync_tiers after changing them)",
        ),
        FieldPanel("recommended"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["sort_order", "monthly_amount"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.currency = self.currency.lower()
        floor = settings.MEMBERSHIP_MIN_AMOUNT
        for interval, amount in (("month", self.monthly_amount), ("year", self.yearly_amount)):
            if amount is not None and amount < floor[interval]:
                raise ValidationError(
                    {f"{interval}ly_amount": f"At least {floor[interval]} cents."}
                )

    def lookup_key(self, interval: str) -> str:
        return f"newsroom_{self.slug}_{INTERVALS[interval]}ly"

    def amount(self, interval: str) -> int:
        return self.monthly_amount if interval == "month" else self.yearly_amount

    def price_label(self, interval: str) -> str:
        return f"{format_amount(self.amount(interval), self.currency)} / {interval}"

    def monthly_label(self) -> str:
        return self.price_label("month")

    def yearly_label(self) -> str:
        return self.price_label("year")

    def benefit_list(self) -> list[str]:
        return [line.strip() for line in self.benefits.splitlines() if line.strip()]

    def mark_synced(self, product_id: str) -> None:
        self.stripe_product_id = product_id
        self.synced_at = timezone.now()
        self.save(update_fields=["stripe_product_id", "synced_at"])
