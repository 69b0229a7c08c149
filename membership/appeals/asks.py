"""What an appeal asks for: its preset amounts and its tokens in the copy.

The end-of-article ask offers preset amounts, each a link that names its
frequency ("$10 / month", "$60 once"): the tiers' monthly (or yearly) prices
for joining, ``MEMBERSHIP_GIVE_PRESETS`` for a one-time gift. An appeal with
a goal counts new members, so it only offers joining. All of it is plain data
kept with the cached list of live appeals (``selection``).

Each preset shows the default currency and also carries its label and link in
every other enabled currency it has a price in (``Preset.prices``): the page
is one copy for every anonymous reader, so the appeals script picks the
reader's currency in the browser (from the country cookie that
``membership.currency.choice`` sets) and swaps them. Without JavaScript the
default currency shows, and its link charges what it shows.

``{articles_read}`` in an appeal's heading or body becomes an element the
appeals script fills with the reader's count (kept in their browser); without
JavaScript it reads "several". ``{country}`` becomes one it fills with the
name of the reader's country; without JavaScript (or a country) it reads
"your country".
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import JSONField, Subquery, Value
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from articles.models.rows import JSONList
from membership.models import Target, Tier, TierPrice, format_amount

COUNT_TOKEN = "{articles_read}"  # noqa: S105 - a placeholder in appeal copy, not a secret
COUNT_HTML = '<span class="appeal__count" data-articles-read>several</span>'
COUNTRY_TOKEN = "{country}"  # noqa: S105 - a placeholder in appeal copy, not a secret
COUNTRY_HTML = '<span class="appeal__country" data-country>your country</span>'

# Tier id → currency → {"month": cents, "year": cents}: every tier's prices.
Prices = dict[int, dict[str, dict[str, int]]]


@dataclass(frozen=True)
class Preset:
    label: str  # "$10 / month", "$60 once"
    base_url: str  # without attribution
    frequency: str  # "month", "year" or "once"
    recommended: bool = False
    # (currency, label, base_url) in every enabled currency it has a price in.
    prices: tuple[tuple[str, str, str], ...] = ()

    @property
    def anchor(self) -> str:
        return "#give" if self.frequency == "once" else ""


def with_tokens(html: str) -> str:
    """HTML with the tokens replaced by the elements the script fills."""
    return html.replace(COUNT_TOKEN, COUNT_HTML).replace(COUNTRY_TOKEN, COUNTRY_HTML)


def heading_html(heading: str) -> SafeString:
    return mark_safe(with_tokens(escape(heading)))  # noqa: S308 - escaped, then our fixed elements


TIER_FIELDS = ("id", "name", "slug", "currency", "monthly_amount", "yearly_amount")
TIER_FIELDS += ("recommended", "sort_order", "active")
PRICE_FIELDS = ("tier_id", "currency", "monthly_amount", "yearly_amount")


def _all_rows(queryset, fields: tuple[str, ...]) -> Subquery:
    """Every row of ``queryset`` as one JSON list, a column of the appeals'
    query rather than a query of its own (``articles.models.rows``); the
    constant groups them all in one list."""
    rows = (
        queryset.order_by()
        .annotate(every=Value(1))
        .values("every")
        .annotate(rows=JSONList(JSONObject(**{name: name for name in fields})))
        .values("rows")
    )
    return Subquery(rows, output_field=JSONField())


def active_tiers_column() -> Subquery:
    """Every active tier (the presets' amounts)."""
    return _all_rows(Tier.objects.active(), TIER_FIELDS)


def tier_prices_column() -> Subquery:
    """Every active tier's prices in the other currencies."""
    return _all_rows(TierPrice.objects.filter(tier__active=True), PRICE_FIELDS)


def prices_of(tiers: list[Tier], price_rows: list[dict] | None) -> Prices:
    """Each tier's amounts in every enabled currency, its own first."""
    prices: Prices = {
        tier.pk: {tier.currency: {"month": tier.monthly_amount, "year": tier.yearly_amount}}
        for tier in tiers
    }
    for row in price_rows or ():
        if row["currency"] in settings.MEMBERSHIP_CURRENCIES and row["tier_id"] in prices:
            prices[row["tier_id"]].setdefault(
                row["currency"], {"month": row["monthly_amount"], "year": row["yearly_amount"]}
            )
    return prices


def query(tier: Tier, interval: str, currency: str | None = None) -> dict:
    return {"tier": tier.slug, "interval": interval, "currency": currency or tier.currency}


def join_presets(
    tiers: list[Tier], interval: str, only: Tier | None, prices: Prices | None = None
) -> list[Preset]:
    confirm = reverse("membership:join_confirm")
    chosen = [only] if only is not None else tiers
    return [
        Preset(
            label=tier.price_label(interval),
            # The currency the label shows, so the reader pays what they clicked.
            base_url=f"{confirm}?{urlencode(query(tier, interval))}",
            frequency=interval,
            recommended=tier.recommended,
            prices=tuple(
                (
                    code,
                    f"{format_amount(amounts[interval], code)} / {interval}",
                    f"{confirm}?{urlencode(query(tier, interval, code))}",
                )
                for code, amounts in (prices or {}).get(tier.pk, {}).items()
            ),
        )
        for tier in chosen
    ]


def give_url(cents: int, currency: str) -> str:
    join = reverse("membership:join")
    return f"{join}?{urlencode({'give': f'{cents / 100:.2f}', 'currency': currency})}"


def give_presets() -> list[Preset]:
    """One-time amounts: a link to the join page's gift form, filled in. The
    same round numbers in every enabled currency ("$25 once", "€25 once")."""
    currency = settings.MEMBERSHIP_CURRENCY
    return [
        Preset(
            label=f"{format_amount(cents, currency)} once",
            base_url=give_url(cents, currency),
            frequency="once",
            prices=tuple(
                (code, f"{format_amount(cents, code)} once", give_url(cents, code))
                for code in settings.MEMBERSHIP_CURRENCIES
            ),
        )
        for cents in settings.MEMBERSHIP_GIVE_PRESETS
    ]


def presets_for(appeal, tiers: list[Tier], prices: Prices | None = None) -> tuple[Preset, ...]:
    """The amounts an appeal offers: joining first (its frequency preselected),
    then giving once, unless the appeal has a goal (which counts new members).
    A members' thank-you (no call to action) and "Give a membership" (its
    button opens the gift form) offer no amounts."""
    if not appeal.cta_label or appeal.target == Target.GIFT:
        return ()
    if appeal.target == Target.GIVE:
        return tuple(give_presets())
    only = appeal.tier if appeal.tier_id and appeal.tier.active else None
    joining = join_presets(tiers, appeal.interval or "month", only, prices)
    if appeal.goal:
        return tuple(joining)
    return (*joining, *give_presets())
