"""Which appeals exist now, and which of them a given reader may see.

The live appeals are read in one query (each appeal's tier joined, a row per
section it is limited to, and the goals' count of new members) and kept in
the cache (a few minutes, and dropped whenever an appeal is saved or deleted,
together with every cached reader page), so a reader page costs no query for
appeals however many there are. Start and end times are checked per render against the cached
list; a page served from the page cache shows a scheduled start or end once it
expires (PAGE_CACHE_TIMEOUT, ten minutes by default).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from wagtail.rich_text import expand_db_html

from articles.cache import purge_all
from articles.cache.generations import (
    GENERATION_KEYED,
    generations,
    purge_now_and_after_commit,
    read,
    remember,
)
from articles.models.rows import instances
from membership.appeals import asks, goals
from membership.models import Appeal, Audience, Membership, Target, Tier, TierPrice
from membership.months import Month

CACHE_SECONDS = 300


APPEALS_SCOPE = "appeals"


def cache_key(now: datetime | None = None) -> str:
    """Under the appeals' own generation, which every appeal change purges
    (``forget_live_appeals``), so the key names its generation and each
    process keeps its own copy of the list (``newsroom.caches``): a rendered
    page asks Redis nothing for it. Not the site-wide generation: a site-wide
    purge does not change the appeals, and would cost a cold page a query.
    The month is in the key too: the goals count this month's new members."""
    generation = generations([APPEALS_SCOPE])[APPEALS_SCOPE]
    month = Month.containing(now or timezone.now()).key
    return f"{GENERATION_KEYED}appeals:live:{generation}:{month}"


# Statuses of a membership that ended or stopped paying: its reader is "lapsed".
LAPSED_STATUSES = (
    Membership.Status.CANCELED,
    Membership.Status.UNPAID,
    Membership.Status.PAUSED,
)


@dataclass(frozen=True)
class LiveAppeal:
    """What a page needs of one appeal: plain data, cheap to cache."""

    id: int
    heading: str
    body_html: str
    cta_label: str
    base_url: str  # the button's target, without attribution
    anchor: str  # "#give" for gifts
    placement: str
    audience: str
    after_paragraph: int | None
    section_ids: frozenset[int]
    starts_at: datetime | None
    ends_at: datetime | None
    weight: int
    goal: int | None
    progress: goals.Progress | None  # toward the goal, counted when the list was read
    heading_html: str = ""
    presets: tuple[asks.Preset, ...] = ()
    min_articles_read: int | None = None
    max_articles_read: int | None = None

    @property
    def has_reading_rule(self) -> bool:
        return self.min_articles_read is not None or self.max_articles_read is not None

    def is_live(self, now: datetime) -> bool:
        return (self.starts_at is None or self.starts_at <= now) and (
            self.ends_at is None or now < self.ends_at
        )

    def applies_to(self, section_id: int | None) -> bool:
        return not self.section_ids or section_id in self.section_ids

    def _attributed(self, base_url: str, anchor: str, page_id: int | None) -> str:
        params = {"appeal": str(self.id)}
        if page_id:
            params["article"] = str(page_id)
        separator = "&" if "?" in base_url else "?"
        return f"{base_url}{separator}{urlencode(params)}{anchor}"

    def url(self, page_id: int | None) -> str:
        """The button's link, carrying the attribution (appeal and page)."""
        if not self.cta_label:
            return ""
        return self._attributed(self.base_url, self.anchor, page_id)

    def preset_links(self, page_id: int | None) -> list[tuple[asks.Preset, str, list]]:
        """Each preset amount with its link, and its (currency, label, link)
        in every currency it has a price in, each link carrying the attribution."""
        return [
            (
                preset,
                self._attributed(preset.base_url, preset.anchor, page_id),
                [
                    (code, label, self._attributed(url, preset.anchor, page_id))
                    for code, label, url in preset.prices
                ],
            )
            for preset in self.presets
        ]

    def reminder_url(self, page_id: int | None) -> str:
        return self._attributed(reverse("membership:remind"), "", page_id)


def _target(appeal: Appeal) -> tuple[str, str]:
    if appeal.target == Target.GIVE:
        return reverse("membership:join"), "#give"
    if appeal.target == Target.GIFT:
        if appeal.tier_id and appeal.tier.active:  # that tier chosen on the gift form
            return f"{reverse('membership:gift')}?{urlencode({'tier': appeal.tier.slug})}", ""
        return reverse("membership:gift"), ""
    if appeal.tier_id and appeal.tier.active:
        # A preselected tier goes straight to the confirm step (which asks a
        # reader without a session for their email first, keeping the choice).
        query = {"tier": appeal.tier.slug, "interval": appeal.interval or "month"}
        return f"{reverse('membership:join_confirm')}?{urlencode(query)}", ""
    if appeal.interval:
        return f"{reverse('membership:join')}?{urlencode({'interval': appeal.interval})}", ""
    return reverse("membership:join"), ""


def _load(now: datetime) -> list[LiveAppeal]:
    rows = (
        Appeal.objects.not_over(now)
        .select_related("tier")
        .annotate(
            section_id=F("sections"),
            new_members=goals.new_members_this_month(now),
            tier_rows=asks.active_tiers_column(),
            price_rows=asks.tier_prices_column(),
        )
        .order_by("-weight", "pk")
    )
    section_ids: dict[int, set[int]] = {}
    appeals = {}
    for row in rows:  # one row per section the appeal is limited to (one if none)
        appeals.setdefault(row.pk, row)
        ids = section_ids.setdefault(row.pk, set())
        if row.section_id is not None:
            ids.add(row.section_id)
    tiers, prices = [], {}  # the preset amounts, in the join page's order
    if appeals:
        first = next(iter(appeals.values()))
        tiers = sorted(
            instances(Tier, first.tier_rows), key=lambda t: (t.sort_order, t.monthly_amount)
        )
        prices = asks.prices_of(tiers, first.price_rows)
    live = []
    for appeal in appeals.values():
        base_url, anchor = _target(appeal)
        live.append(
            LiveAppeal(
                id=appeal.pk,
                heading=appeal.heading,
                body_html=asks.with_tokens(expand_db_html(appeal.body)),
                cta_label=appeal.cta_label,
                base_url=base_url,
                anchor=anchor,
                placement=appeal.placement,
                audience=appeal.audience,
                after_paragraph=appeal.after_paragraph,
                section_ids=frozenset(section_ids[appeal.pk]),
                starts_at=appeal.starts_at,
                ends_at=appeal.ends_at,
                weight=appeal.weight,
                goal=appeal.goal,
                progress=goals.progress(appeal.goal, appeal.new_members),
                heading_html=asks.heading_html(appeal.heading),
                presets=asks.presets_for(appeal, tiers, prices),
                min_articles_read=appeal.min_articles_read,
                max_articles_read=appeal.max_articles_read,
            )
        )
    return live


def live_appeals() -> list[LiveAppeal]:
    """Every appeal that is switched on and not over, highest weight first."""
    now = timezone.now()
    key = cache_key(now)
    appeals = read([key]).get(key)  # once a request, however many slots ask
    if appeals is None:
        appeals = _load(now)
        cache.set(key, appeals, CACHE_SECONDS)
        remember({key: appeals})
    return appeals


def forget_live_appeals() -> None:
    """Drop the cached list, and every cached reader page: they embed appeals."""
    purge_now_and_after_commit({APPEALS_SCOPE})
    purge_all()


def connect_signals() -> None:
    """Saving or deleting an appeal, changing its sections, or saving a tier
    drops the cached list and the cached pages. Called by ``MembershipConfig.ready()``."""
    post_save.connect(_appeal_changed, sender=Appeal, dispatch_uid="appeals-saved")
    post_delete.connect(_appeal_changed, sender=Appeal, dispatch_uid="appeals-deleted")
    m2m_changed.connect(
        _appeal_changed, sender=Appeal.sections.through, dispatch_uid="appeals-sections"
    )
    # The tiers' prices (in every currency) are the ask's preset amounts.
    post_save.connect(_appeal_changed, sender=Tier, dispatch_uid="appeals-tier-saved")
    post_save.connect(_appeal_changed, sender=TierPrice, dispatch_uid="appeals-price-saved")
    post_delete.connect(_appeal_changed, sender=TierPrice, dispatch_uid="appeals-price-deleted")


def _appeal_changed(sender, **kwargs) -> None:
    forget_live_appeals()


def audience_for(request: HttpRequest | None) -> str:
    """anonymous, signed_in, lapsed or member: one query for a signed-in
    reader (shared with the ``is_member`` template tag), none otherwise."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Audience.ANONYMOUS
    memo = request.__dict__.setdefault("_newsroom_audience", {})
    if user.pk not in memo:
        statuses = set(
            Membership.objects.filter(member__user_id=user.pk).values_list("status", flat=True)
        )
        is_member = bool(statuses & set(Membership.BENEFIT_STATUSES))
        request.__dict__.setdefault("_newsroom_is_member", {})[user.pk] = is_member
        if is_member:
            memo[user.pk] = Audience.MEMBER
        elif statuses & set(LAPSED_STATUSES):
            memo[user.pk] = Audience.LAPSED
        else:
            memo[user.pk] = Audience.SIGNED_IN
    return memo[user.pk]


def eligible(
    placement: str,
    audience: str,
    section_id: int | None,
    now: datetime | None = None,
    appeals: Sequence[LiveAppeal] | None = None,
) -> list[LiveAppeal]:
    """The variants for one place and one audience, the default first
    (highest weight, then oldest): the one shown without JavaScript."""
    now = now or timezone.now()
    pool = live_appeals() if appeals is None else appeals
    return [
        appeal
        for appeal in pool
        if appeal.placement == placement
        and appeal.audience == audience
        and appeal.is_live(now)
        and appeal.applies_to(section_id)
    ]
