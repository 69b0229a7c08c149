"""Stripe sends Unix timestamps (or nothing)."""

import datetime


def from_timestamp(value: int | None) -> datetime.datetime | None:
    return datetime.datetime.fromtimestamp(value, tz=datetime.UTC) if value else None
