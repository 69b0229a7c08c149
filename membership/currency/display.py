"""The join page's currency: the reader's (``membership.currency.choice``),
the tiers priced in it, and the switcher's links."""

from django.http import HttpRequest
from django.utils.http import urlencode

from membership.currency import choice
from membership.models import Tier

SYMBOLS = {"usd": "$", "eur": "€", "gbp": "£", "cad": "CA$", "aud": "A$"}


def currency_of(request: HttpRequest) -> str:
    """The currency the middleware chose (or chooses now, outside it)."""
    return getattr(request, "currency", None) or choice.for_request(request)


def tiers_in(currency: str) -> list[Tier]:
    """The active tiers that have a price in ``currency``, showing it."""
    tiers = Tier.objects.active().prefetch_related("prices")
    return [copy for tier in tiers if (copy := tier.localized(currency)) is not None]


def switcher(currency: str, interval: str) -> list[dict]:
    """One link per enabled currency (``?currency=eur``), the current one marked."""
    if len(choice.enabled()) < 2:
        return []
    links = []
    for code in choice.enabled():
        query = {"currency": code, **({"interval": interval} if interval == "year" else {})}
        symbol = SYMBOLS.get(code, "")
        links.append(
            {
                "code": code,
                "label": f"{code.upper()} {symbol}".strip(),
                "url": "?" + urlencode(query),
                "current": code == currency,
            }
        )
    return links
