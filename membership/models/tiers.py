"""Membership tiers: edited by the Audience team as a Wagtail snippet."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from modelcluster.models import ClusterableModel

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

    def for_custom_amount(
        self, interval: str, amount: int, currency: str | None = None
    ) -> "Tier | None":
        """The tier a custom amount buys: the best active tier whose price for
        that interval (in ``currency``) it meets, or the entry tier when it
        meets none."""
        tiers = self.active().exclude(stripe_product_id="").prefetch_related("prices")
        priced = sorted(
            (
                (price, tier)
                for tier in tiers
                if (price := tier.amount(interval, currency)) is not None
            ),
            key=lambda pair: pair[0],
        )
        chosen = priced[0][1] if priced else None
        for price, tier in priced:
            if price <= amount:
                chosen = tier
        return chosen


class Tier(ClusterableModel):
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
            heading="Price in the default currency (run stripe_sync_tiers after changing it)",
        ),
        InlinePanel(
            "prices",
            heading="Prices in the other enabled currencies",
            label="Price in another currency",
            help_text="Set a rounded local amount for each enabled currency; a tier without "
            "one is not offered in that currency.",
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

    def amount(self, interval: str, currency: str | None = None) -> int | None:
        """The price for ``interval`` in ``currency`` (default: the tier's
        own), or None when the tier has no price in that currency."""
        if currency is None or currency == self.currency:
            return self.monthly_amount if interval == "month" else self.yearly_amount
        for price in self.prices.all():
            if price.currency == currency and currency in settings.MEMBERSHIP_CURRENCIES:
                return price.monthly_amount if interval == "month" else price.yearly_amount
        return None

    def amounts_by_currency(self) -> dict[str, dict[str, int]]:
        """``{"usd": {"month": 500, "year": 5000}, "eur": {...}}``: every
        currency the tier has a price in, its own first."""
        amounts = {self.currency: {"month": self.monthly_amount, "year": self.yearly_amount}}
        for price in self.prices.all():
            if price.currency in settings.MEMBERSHIP_CURRENCIES:
                amounts.setdefault(
                    price.currency, {"month": price.monthly_amount, "year": price.yearly_amount}
                )
        return amounts

    def localized(self, currency: str) -> "Tier | None":
        """An unsaved copy showing the price in ``currency`` (its labels, its
        ``currency``), for the join page; None without a price in it."""
        amounts = self.amounts_by_currency().get(currency)
        if amounts is None:
            return None
        copy = Tier(
            pk=self.pk,
            name=self.name,
            slug=self.slug,
            description=self.description,
            benefits=self.benefits,
            currency=currency,
            monthly_amount=amounts["month"],
            yearly_amount=amounts["year"],
            recommended=self.recommended,
            sort_order=self.sort_order,
            active=self.active,
            stripe_product_id=self.stripe_product_id,
        )
        copy._state.adding = False
        return copy

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
