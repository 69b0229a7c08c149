"""Which currency a reader sees: ``?currency=eur`` (the switcher's links),
else the country a CDN put in a request header (``CF-IPCountry``,
``CloudFront-Viewer-Country``; ``MEMBERSHIP_COUNTRY_HEADERS``), else the
newsroom's default. Only enabled currencies (``MEMBERSHIP_CURRENCIES``) are
ever chosen, so a country whose currency is not sold gets the default.

The join page is cached per *currency group*, never per country: the
middleware below names the group for the page cache
(``request.page_cache_variant``, part of the stored page's key), so readers
in Germany, France and Austria share one stored page in euros.

Every other reader page is one copy for every anonymous reader, so the
appeals on it can't be rendered per country. Instead the middleware (outside
the page cache, so after a page is stored or served from it) tells the
reader's browser its country in a small functional cookie (``GEO_COOKIE``:
the two-letter code only, no identifier, readable by the appeals script),
and the script shows the ask in that country's currency (``country_table``,
emitted into the page) and names the country.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.http.request import HttpHeaders
from django.urls import reverse
from django.utils.cache import patch_cache_control

# ISO 3166 country → the ISO 4217 currency its readers pay in, for the
# currencies a newsroom is likely to enable. Countries not listed (or whose
# currency is not enabled) get the default currency.
EURO_COUNTRIES = [
    "AD",
    "AT",
    "BE",
    "CY",
    "DE",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MC",
    "ME",
    "MT",
    "NL",
    "PT",
    "SI",
    "SK",
    "SM",
    "VA",
    "XK",
]
COUNTRY_CURRENCY: dict[str, str] = {
    **dict.fromkeys(EURO_COUNTRIES, "eur"),
    **dict.fromkeys(("GB", "GG", "IM", "JE"), "gbp"),
    **dict.fromkeys(("US", "PR", "GU", "VI", "AS", "MP", "EC", "SV", "PA"), "usd"),
    "CA": "cad",
    "AU": "aud",
    "NZ": "nzd",
    "CH": "chf",
    "LI": "chf",
    "SE": "sek",
    "NO": "nok",
    "DK": "dkk",
    "PL": "pln",
    "CZ": "czk",
    "UA": "uah",
    "JP": "jpy",
}


def enabled() -> list[str]:
    """The currencies the newsroom sells in, the default first."""
    return list(settings.MEMBERSHIP_CURRENCIES)


def default() -> str:
    return settings.MEMBERSHIP_CURRENCY


def from_country(country: str) -> str:
    """The enabled currency for a country code, else the default."""
    currency = COUNTRY_CURRENCY.get(country.strip().upper()[:2], "")
    return currency if currency in enabled() else default()


def country_of(request: HttpRequest) -> str:
    """The reader's country from the first configured CDN header that has one.
    Read from ``request.META``: every request asks, cache hits included, and
    ``request.headers`` would copy every header first."""
    for header in settings.MEMBERSHIP_COUNTRY_HEADERS:
        value = request.META.get(HttpHeaders.to_wsgi_name(header), "").strip().upper()
        if len(value) == 2 and value.isalpha() and value not in ("XX", "T1"):
            return value
    return ""


def country_table() -> dict[str, str]:
    """Enabled currency (not the default) → the countries that pay in it,
    space-separated: what the appeals script needs to pick a reader's
    currency as ``from_country`` does (every other country gets the default)."""
    table: dict[str, list[str]] = {}
    for country, currency in COUNTRY_CURRENCY.items():
        if currency in enabled() and currency != default():
            table.setdefault(currency, []).append(country)
    return {currency: " ".join(countries) for currency, countries in table.items()}


def for_request(request: HttpRequest) -> str:
    """The currency to show this reader (see the module docstring)."""
    if request.META.get("QUERY_STRING"):  # most requests have none to parse
        asked = request.GET.get("currency", "").strip().lower()
        if asked in enabled():
            return asked
    country = country_of(request)
    return from_country(country) if country else default()


GEO_COOKIE = "newsroom_geo"
GEO_COOKIE_AGE = 30 * 24 * 60 * 60  # seconds: a month, then the CDN's header is asked again


def remember_country(request: HttpRequest, response: HttpResponseBase) -> None:
    """Set ``GEO_COOKIE`` to the CDN's country when the reader's differs.
    A response that sets it is ``private``: no CDN may keep it and hand one
    reader's country to the next (the page cache never stores it: it is set
    after the page cache)."""
    country = country_of(request)
    if not country or request.COOKIES.get(GEO_COOKIE) == country:
        return
    response.set_cookie(
        GEO_COOKIE,
        country,
        max_age=GEO_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,  # read by the appeals script
        samesite="Lax",
    )
    if "public" in response.get("Cache-Control", ""):
        response.headers["Cache-Control"] = "private, no-cache"
    else:
        patch_cache_control(response, private=True)


class CurrencyMiddleware:
    """Sets ``request.currency``; on the pages whose content depends on it
    (the join page) also ``request.page_cache_variant``, so the page cache
    stores one copy per currency group. Placed before the page cache, so
    every response (stored pages too) can tell the browser the reader's
    country (``remember_country``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self._paths: frozenset[str] | None = None

    def varying_paths(self) -> frozenset[str]:
        if self._paths is None:
            self._paths = frozenset({reverse("membership:join")})
        return self._paths

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.currency = for_request(request)
        if request.path in self.varying_paths():
            request.page_cache_variant = f"currency:{request.currency}"
        response = self.get_response(request)
        remember_country(request, response)
        return response
