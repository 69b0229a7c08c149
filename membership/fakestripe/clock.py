"""Billing periods as Stripe counts them: calendar months and years from the
subscription's billing cycle anchor, in UTC. A period ends on the anchor's
day of the month, or on the month's last day when it is shorter (an anchor
on 31 January renews on 28 or 29 February, then 31 March); a yearly anchor
on 29 February renews on 28 February."""

import calendar
import datetime

MONTHS = {"month": 1, "year": 12}


def add_periods(anchor: int, interval: str, count: int) -> int:
    """The timestamp ``count`` intervals after ``anchor``."""
    start = datetime.datetime.fromtimestamp(anchor, datetime.UTC)
    months = start.month - 1 + MONTHS[interval] * count
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return int(start.replace(year=year, month=month, day=day).timestamp())


def next_period_end(anchor: int, interval: str, current_end: int) -> int:
    """The end of the period that follows the one ending at ``current_end``."""
    count = 1
    while add_periods(anchor, interval, count) <= current_end:
        count += 1
    return add_periods(anchor, interval, count)
