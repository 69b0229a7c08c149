"""Goal progress: "2,340 of 3,000 new members this month", from real
memberships — the same "new members" as the audience dashboard
(``Membership.objects.joined_in``). The live appeals count them in their own
query and keep the count with the list (``selection``), so it is at most a
few minutes old and costs a reader page no query of its own."""

import datetime
from dataclasses import dataclass

from django.db.models import Subquery

from membership.models import Membership
from membership.months import Month


@dataclass(frozen=True)
class Progress:
    count: int
    goal: int

    @property
    def label(self) -> str:
        return f"{self.count:,} of {self.goal:,} new members this month"

    @property
    def proof(self) -> str:
        """The social proof line (empty before anyone joined: "0 readers" persuades nobody)."""
        if not self.count:
            return ""
        readers = "reader" if self.count == 1 else "readers"
        return f"{self.count:,} {readers} joined this month"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.count / self.goal)) if self.goal else 0


def new_members_this_month(now: datetime.datetime) -> Subquery:
    """The count of readers who became members this month up to ``now``."""
    return Membership.objects.joined_in(Month.containing(now).start(), now).member_count_subquery()


def progress(goal: int | None, count: int | None) -> Progress | None:
    return Progress(count or 0, goal) if goal else None
