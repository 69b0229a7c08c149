"""Calendar months in the site's time zone (``TIME_ZONE``): a month runs from
00:00 on its first day (inclusive) to 00:00 on the first day of the next month
(exclusive). Used by the audience reports and the appeals' goals."""

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def containing(cls, moment: datetime.datetime, tz: datetime.tzinfo | None = None) -> "Month":
        local = moment.astimezone(tz or timezone.get_current_timezone())
        return cls(local.year, local.month)

    def start(self, tz: datetime.tzinfo | None = None) -> datetime.datetime:
        """00:00 on the first day, in the site's time zone."""
        return datetime.datetime(
            self.year, self.month, 1, tzinfo=tz or timezone.get_current_timezone()
        )

    def end(self, tz: datetime.tzinfo | None = None) -> datetime.datetime:
        """The first moment of the next month (exclusive)."""
        return self.next().start(tz)

    def next(self) -> "Month":
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> "Month":
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return datetime.date(self.year, self.month, 1).strftime("%B %Y")

    @property
    def short_label(self) -> str:
        return datetime.date(self.year, self.month, 1).strftime("%b '%y")

    def __str__(self) -> str:
        return self.key


def last_months(count: int, now: datetime.datetime | None = None) -> list[Month]:
    """The ``count`` months up to and including the current one, oldest first."""
    month = Month.containing(now or timezone.now())
    months = [month]
    for _ in range(count - 1):
        months.append(months[-1].previous())
    return months[::-1]


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same time ``months`` calendar months later, as Stripe counts billing
    months: a day the month lacks becomes its last day (31 January + 1 month =
    28 or 29 February)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(
        year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1])
    )
