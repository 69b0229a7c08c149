"""The member export: one row per membership (a Stripe subscription), one list
of columns, used by the members report's CSV and XLSX downloads and by
``manage.py export_members`` (CSV on stdout), so both give the same file.

Amounts are in major units (``10.00``), dates ISO 8601 in the site's time
zone, and reader-supplied text is made formula-safe in CSV (see
:mod:`membership.reports.spreadsheets`)."""

import csv
import datetime
from collections import OrderedDict
from collections.abc import Iterable
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone

from membership.models import Membership
from membership.reports.money import Money, monthly_value, round_cents
from membership.reports.spreadsheets import csv_safe

# Field → heading, in the order of the columns.
COLUMNS: dict[str, str] = {
    "email": "Email",
    "name": "Name",
    "status": "Status",
    "tier": "Tier",
    "interval": "Frequency",
    "amount": "Amount per interval",
    "currency": "Currency",
    "monthly_amount": "Per month",
    "started_at": "Started",
    "current_period_end": "Current period ends",
    "cancel_at_period_end": "Cancels at period end",
    "canceled_at": "Cancelled",
    "ended_at": "Ended",
    "source_page_id": "Source page id",
    "appeal": "Appeal",
    "newsletter": "Newsletter",
    "newsletter_issue_id": "Newsletter issue id",
}


def memberships() -> QuerySet[Membership]:
    """Every membership, with what a row reads (no query per row)."""
    return Membership.objects.select_related("member__user", "tier", "source_newsletter")


def monthly_money(membership: Membership) -> Money:
    cents = round_cents(monthly_value(membership.amount, membership.interval))
    return Money(membership.currency, cents)


def local(value: datetime.datetime | None) -> str:
    """ISO 8601 in the site's time zone, for spreadsheets."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def row(item: Membership) -> "OrderedDict[str, Any]":
    user = item.member.user  # None once the reader deleted the account
    return OrderedDict(
        [
            ("email", user.email if user else ""),
            ("name", user.get_full_name() if user else ""),
            ("status", item.status),
            ("tier", item.tier.name if item.tier else ""),
            ("interval", item.interval),
            ("amount", Money(item.currency, item.amount).major),
            ("currency", item.currency),
            ("monthly_amount", monthly_money(item).major),
            ("started_at", local(item.started_at)),
            ("current_period_end", local(item.current_period_end)),
            ("cancel_at_period_end", "yes" if item.cancel_at_period_end else "no"),
            ("canceled_at", local(item.canceled_at)),
            ("ended_at", local(item.ended_at)),
            ("source_page_id", item.source_page_id or ""),
            ("appeal", item.appeal),
            ("newsletter", item.source_newsletter.slug if item.source_newsletter else ""),
            ("newsletter_issue_id", item.source_newsletter_issue_id or ""),
        ]
    )


def write_csv(items: Iterable[Membership], out: IO[str]) -> None:
    """The CSV the members report downloads, written to ``out``."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS.values())
    for item in items:
        writer.writerow(csv_safe(value) for value in row(item).values())
