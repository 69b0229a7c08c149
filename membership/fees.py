"""Covering the card fees: what to add to a payment so that, after the card
processor keeps its percentage and fixed fee (``MEMBERSHIP_FEE_PERCENT``,
``MEMBERSHIP_FEE_FIXED``), the newsroom receives the whole amount."""

import math
from decimal import Decimal

from django.conf import settings


def fee_for(cents: int) -> int:
    """The cents to add to ``cents``: the gross is (amount + fixed) / (1 - rate),
    rounded up to the cent."""
    rate = Decimal(settings.MEMBERSHIP_FEE_PERCENT) / 100
    gross = math.ceil((Decimal(cents) + settings.MEMBERSHIP_FEE_FIXED) / (1 - rate))
    return gross - cents
