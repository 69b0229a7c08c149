"""The home page's Latest rail: when each story was published, as a reader
in the newsroom reads it."""

import datetime

from django import template
from django.utils import dateformat, timezone

register = template.Library()


@register.filter
def clock_or_date(value: datetime.datetime | None, today: datetime.date) -> str:
    """ "14:05" for a time on ``today`` in the newsroom's time zone
    (``TIME_ZONE``), "2 Dec" for an earlier day this year, "30 Dec 2025" before."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if local.date() == today:
        return dateformat.format(local, "H:i")
    return dateformat.format(local, "j M" if local.year == today.year else "j M Y")
