"""Money in the audience reports: **MRR** (monthly recurring revenue) is kept
per currency, never converted: the sum of each paying subscription's price
normalised to a month (a yearly price counts 1/12, a weekly one 52/12, a daily
one 365/12), in cents, rounded to the cent once, after summing. A total in
the default currency is added at the operator's rates, with their date."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.conf import settings

from membership.models import Currency, format_amount

# Months in one billing interval, as a factor to a monthly amount.
MONTHLY_FACTOR: dict[str, Fraction] = {
    "day": Fraction(365, 12),
    "week": Fraction(52, 12),
    "month": Fraction(1),
    "year": Fraction(1, 12),
}


def monthly_value(amount: int, interval: str) -> Fraction:
    """A price per ``interval`` as an exact amount per month, in cents."""
    return amount * MONTHLY_FACTOR.get(interval, Fraction(0))


def round_cents(value: Fraction) -> int:
    """Half-up to whole cents (amounts are never negative)."""
    return int(
        (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
    )


@dataclass(frozen=True)
class Money:
    currency: str
    cents: int

    @property
    def label(self) -> str:
        return format_amount(self.cents, self.currency)

    @property
    def major(self) -> Decimal:
        """In major units, e.g. ``Decimal("29.67")``, for exports."""
        return (Decimal(self.cents) / 100).quantize(Decimal("0.01"))

    def __str__(self) -> str:
        return self.label


def mrr_by_currency(rows: Iterable[dict[str, Any]], key: str = "total") -> dict[str, int]:
    """Rows of ``currency``, ``interval`` and a cents sum → MRR in cents per currency."""
    exact: dict[str, Fraction] = defaultdict(Fraction)
    for row in rows:
        if row[key] is not None:
            exact[row["currency"].lower()] += monthly_value(row[key], row["interval"])
    return {currency: round_cents(value) for currency, value in sorted(exact.items())}


@dataclass(frozen=True)
class ConvertedTotal:
    """Several currencies' amounts added up in the default currency at the
    operator's rates (``membership.models.Currency``), never fetched."""

    total: Money
    rate_date: datetime.date | None  # the oldest rate used
    missing: list[str]  # currencies with no rate, left out of the total

    @property
    def label(self) -> str:
        return self.total.label


def converted_total(amounts: list[Money]) -> ConvertedTotal | None:
    """The sum of ``amounts`` in the default currency; None when there is
    only one currency (nothing to convert)."""
    if len({money.currency for money in amounts}) < 2:
        return None
    default = settings.MEMBERSHIP_CURRENCY
    rates = {
        row.code: row for row in Currency.objects.filter(code__in=[m.currency for m in amounts])
    }
    exact, dates, missing = Fraction(0), [], []
    for money in amounts:
        if money.currency == default:
            exact += money.cents
            continue
        row = rates.get(money.currency)
        if row is None:
            missing.append(money.currency.upper())
            continue
        exact += money.cents * Fraction(row.rate)
        if row.rate_date:
            dates.append(row.rate_date)
    return ConvertedTotal(Money(default, round_cents(exact)), min(dates, default=None), missing)
