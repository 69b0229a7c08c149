"""Per-currency prices of a tier, and each currency's floors and exchange rate.

Editors set a tier's amount in every enabled currency (rounded to what looks
right locally, never converted at today's rate); the tier's own fields are its
price in the default currency. Exchange rates are set by the operator here
(nothing is fetched from the network) and used only to add up reports.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey


def currency_choices() -> list[tuple[str, str]]:
    return [(code, code.upper()) for code in settings.MEMBERSHIP_CURRENCIES]


class TierPrice(Orderable):
    """A tier's price in one more currency (``Tier`` has the default's)."""

    tier = ParentalKey("membership.Tier", on_delete=models.CASCADE, related_name="prices")
    currency = models.CharField(max_length=3, help_text="ISO code, e.g. eur.")
    monthly_amount = models.PositiveIntegerField(help_text="In cents, e.g. 500.")
    yearly_amount = models.PositiveIntegerField(help_text="In cents, e.g. 5000.")

    panels = [
        FieldRowPanel(
            [FieldPanel("currency"), FieldPanel("monthly_amount"), FieldPanel("yearly_amount")]
        )
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["tier", "currency"], name="one_price_per_currency")
        ]

    def __str__(self) -> str:
        return f"{self.tier} in {self.currency.upper()}"

    def clean(self) -> None:
        self.currency = (self.currency or "").strip().lower()
        if self.currency not in settings.MEMBERSHIP_CURRENCIES:
            enabled = ", ".join(c.upper() for c in settings.MEMBERSHIP_CURRENCIES)
            raise ValidationError({"currency": f"Not an enabled currency (enabled: {enabled})."})
        floors = Currency.floors(self.currency)
        for interval in ("month", "year"):
            amount = getattr(self, f"{interval}ly_amount")
            if amount is not None and amount < floors[interval]:
                raise ValidationError(
                    {f"{interval}ly_amount": f"At least {floors[interval]} cents."}
                )


class Currency(models.Model):
    """One enabled currency's floors and the rate reports convert it at."""

    code = models.CharField(max_length=3, unique=True, help_text="ISO code, e.g. eur.")
    min_monthly_amount = models.PositiveIntegerField(
        help_text="Smallest custom monthly amount, in cents."
    )
    min_yearly_amount = models.PositiveIntegerField(
        help_text="Smallest custom yearly amount, in cents."
    )
    min_gift_amount = models.PositiveIntegerField(help_text="Smallest one-time gift, in cents.")
    rate = models.DecimalField(
        max_digits=12,
        decimal_places=6,
        default=Decimal("1"),
        help_text="What one unit is worth in the default currency, for reports only.",
    )
    rate_date = models.DateField(
        null=True, blank=True, help_text="The day the rate is from (shown on the reports)."
    )

    panels = [
        FieldPanel("code"),
        MultiFieldPanel(
            [
                FieldPanel("min_monthly_amount"),
                FieldPanel("min_yearly_amount"),
                FieldPanel("min_gift_amount"),
            ],
            heading="Floors",
        ),
        MultiFieldPanel([FieldPanel("rate"), FieldPanel("rate_date")], heading="Exchange rate"),
    ]

    class Meta:
        verbose_name_plural = "currencies"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code.upper()

    def clean(self) -> None:
        self.code = (self.code or "").strip().lower()
        if self.code not in settings.MEMBERSHIP_CURRENCIES:
            enabled = ", ".join(c.upper() for c in settings.MEMBERSHIP_CURRENCIES)
            raise ValidationError({"code": f"Not an enabled currency (enabled: {enabled})."})
        if self.rate is not None and self.rate <= 0:
            raise ValidationError({"rate": "The rate must be above zero."})

    @classmethod
    def floors(cls, code: str) -> dict[str, int]:
        """The smallest custom amounts in ``code``: this model's row, else
        the settings' floors (``MEMBERSHIP_MIN_*``)."""
        row = cls.objects.filter(code=code).first()
        if row is None:
            return {
                "month": settings.MEMBERSHIP_MIN_AMOUNT["month"],
                "year": settings.MEMBERSHIP_MIN_AMOUNT["year"],
                "gift": settings.MEMBERSHIP_MIN_GIFT_AMOUNT,
            }
        return {
            "month": row.min_monthly_amount,
            "year": row.min_yearly_amount,
            "gift": row.min_gift_amount,
        }
