"""Covering the card fees: what to add to a payment so that, after the card
processor keeps its percentage and fixed fee, the newsroom receives the whole
amount. The percentage is one (``MEMBERSHIP_FEE_PERCENT``); the fixed part is
charged in the payment's currency, so it is set per currency
(``MEMBERSHIP_FEE_FIXED_BY_CURRENCY``, e.g. 25 euro cents, 20 pence), and a
currency not listed there pays ``MEMBERSHIP_FEE_FIXED``."""

import math
from decimal import Decimal

from django.conf import settings


def fixed_fee(currency: str) -> int:
    """The processor's fixed fee on one payment in ``currency``, in its minor unit."""
    return settings.MEMBERSHIP_FEE_FIXED_BY_CURRENCY.get(
        currency.lower(), settings.MEMBERSHIP_FEE_FIXED
    )


def fee_for(cents: int, currency: str | None = None) -> int:
    """The cents to add to ``cents`` (in ``currency``, default: the
    newsroom's): the gross is (amount + fixed) / (1 - rate), rounded up to the cent."""
    rate = Decimal(settings.MEMBERSHIP_FEE_PERCENT) / 100
    fixed = fixed_fee(currency or settings.MEMBERSHIP_CURRENCY)
    gross = math.ceil((Decimal(cents) + fixed) / (1 - rate))
    return gross - cents
