"""Goal progress: "2,340 of 3,000 new members this month", from real
memberships, counted at most once every few minutes — the same "new members"
as the audience dashboard (``Membership.objects.joined_in``)."""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from membership.models import Membership
from membership.months import Month

CACHE_SECONDS = 300


@dataclass(frozen=True)
class Progress:
    count: int
    goal: int

    @property
    def label(self) -> str:
        return f"{self.count:,} of {self.goal:,} new members this month"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.count / self.goal)) if self.goal else 0


def new_members_this_month() -> int:
    now = timezone.now()
    month = Month.containing(now)
    key = f"membership:appeals:new-members:{month.key}"
    count = cache.get(key)
    if count is None:
        count = Membership.objects.joined_in(month.start(), now).member_count()
        cache.set(key, count, CACHE_SECONDS)
    return count


def progress(goal: int | None) -> Progress | None:
    return Progress(new_members_this_month(), goal) if goal else None
