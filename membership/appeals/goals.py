"""Goal progress: "2,340 of 3,000 new members this month", from real
memberships, counted at most once every few minutes."""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from membership.models import Membership

CACHE_SECONDS = 300
# Started and paid at least once: not a Checkout that was abandoned.
NEVER_PAID = (Membership.Status.INCOMPLETE, Membership.Status.INCOMPLETE_EXPIRED)


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
    now = timezone.localtime()
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    key = f"membership:appeals:new-members:{start:%Y-%m}"
    count = cache.get(key)
    if count is None:
        count = (
            Membership.objects.filter(started_at__gte=start).exclude(status__in=NEVER_PAID).count()
        )
        cache.set(key, count, CACHE_SECONDS)
    return count


def progress(goal: int | None) -> Progress | None:
    return Progress(new_members_this_month(), goal) if goal else None
