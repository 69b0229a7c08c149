"""What an appeal asks for: its preset amounts and its articles-read copy.

The end-of-article ask offers preset amounts, each a link that names its
frequency ("$10 / month", "$60 once"): the tiers' monthly (or yearly) prices
for joining, ``MEMBERSHIP_GIVE_PRESETS`` for a one-time gift. An appeal with
a goal counts new members, so it only offers joining. All of it is plain data
kept with the cached list of live appeals (``selection``).

``{articles_read}`` in an appeal's heading or body becomes an element the
appeals script fills with the reader's count (kept in their browser); without
JavaScript it reads "several".
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from membership.models import Target, Tier, format_amount

COUNT_TOKEN = "{articles_read}"  # noqa: S105 - a placeholder in appeal copy, not a secret
COUNT_HTML = '<span class="appeal__count" data-articles-read>several</span>'


@dataclass(frozen=True)
class Preset:
    label: str  # "$10 / month", "$60 once"
    base_url: str  # without attribution
    frequency: str  # "month", "year" or "once"
    recommended: bool = False

    @property
    def anchor(self) -> str:
        return "#give" if self.frequency == "once" else ""


def with_count(html: str) -> str:
    """HTML with the token replaced by the element the script fills."""
    return html.replace(COUNT_TOKEN, COUNT_HTML)


def heading_html(heading: str) -> SafeString:
    return mark_safe(with_count(escape(heading)))  # noqa: S308 - escaped, then our fixed element


def query(tier: Tier, interval: str) -> dict:
    return {"tier": tier.slug, "interval": interval, "currency": tier.currency}


def join_presets(tiers: list[Tier], interval: str, only: Tier | None) -> list[Preset]:
    confirm = reverse("membership:join_confirm")
    chosen = [only] if only is not None else tiers
    return [
        Preset(
            label=tier.price_label(interval),
            # The currency the label shows, so the reader pays what they clicked.
            base_url=f"{confirm}?{urlencode(query(tier, interval))}",
            frequency=interval,
            recommended=tier.recommended,
        )
        for tier in chosen
    ]


def give_presets() -> list[Preset]:
    """One-time amounts: a link to the join page's gift form, filled in."""
    join = reverse("membership:join")
    currency = settings.MEMBERSHIP_CURRENCY
    return [
        Preset(
            label=f"{format_amount(cents, currency)} once",
            base_url=f"{join}?{urlencode({'give': f'{cents / 100:.2f}', 'currency': currency})}",
            frequency="once",
        )
        for cents in settings.MEMBERSHIP_GIVE_PRESETS
    ]


def presets_for(appeal, tiers: list[Tier]) -> tuple[Preset, ...]:
    """The amounts an appeal offers: joining first (its frequency preselected),
    then giving once, unless the appeal has a goal (which counts new members).
    A members' thank-you (no call to action) and "Give a membership" (its
    button opens the gift form) offer no amounts."""
    if not appeal.cta_label or appeal.target == Target.GIFT:
        return ()
    if appeal.target == Target.GIVE:
        return tuple(give_presets())
    only = appeal.tier if appeal.tier_id and appeal.tier.active else None
    joining = join_presets(tiers, appeal.interval or "month", only)
    if appeal.goal:
        return tuple(joining)
    return (*joining, *give_presets())
