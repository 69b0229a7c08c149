"""Subscribers in and out: Mailchimp, Substack and Ghost CSV exports in
(idempotent, with a dry run and a summary), every list of every address out.

Columns are found by name, case-insensitively: the address (``email``,
``Email Address``), the name (``name``, or ``First Name`` + ``Last Name``),
the status (``status``: subscribed/active, unsubscribed, cleaned/bounced,
pending; Ghost's ``subscribed_to_emails`` true/false) and the consent date
(``consent_at``, ``CONFIRM_TIME``, ``OPTIN_TIME``, ``created_at``, …). Our own
export has a ``newsletter`` column, so it imports back without ``--newsletter``.

Importing never re-subscribes an address that unsubscribed here, and an
address unsubscribed in the file is unsubscribed here: consent only narrows.
"""

import csv
import datetime
from collections import Counter
from collections.abc import Iterable
from typing import IO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from membership.newsletters.models import Newsletter, Subscriber, Subscription, normalize

EMAIL = ("email", "email address", "e-mail", "email_address")
CONSENT = (
    "consent_at",
    "consent date",
    "confirm_time",
    "optin_time",
    "created_at",
    "subscribed_at",
)
STATUSES = {
    "subscribed": "subscribed", "active": "subscribed", "true": "subscribed", "free": "subscribed",
    "paid": "subscribed", "comp": "subscribed", "unsubscribed": "unsubscribed",
    "false": "unsubscribed", "cleaned": "bounced", "bounced": "bounced", "pending": "pending",
}  # fmt: skip
COLUMNS = [
    "email", "name", "newsletter", "status", "requested_at", "consent_at", "consent_method",
    "consent_source", "unsubscribed_at", "unsubscribe_method", "suppressed", "suppressed_at",
]  # fmt: skip


def _pick(row: dict[str, str], names: Iterable[str]) -> str:
    for name in names:
        if row.get(name):
            return row[name].strip()
    return ""


def _when(value: str):
    if not value:
        return None
    try:
        moment = parse_datetime(value.replace(" UTC", "").strip())
        if moment is None and (day := parse_date(value[:10])):
            moment = datetime.datetime(day.year, day.month, day.day)
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def read_rows(source: IO[str]) -> Iterable[dict[str, str]]:
    for row in csv.DictReader(source):
        yield {(key or "").strip().lower(): (value or "") for key, value in row.items()}


def import_rows(rows, newsletter: Newsletter | None, label: str, dry_run: bool) -> Counter:
    """Apply the rows; returns the summary. A dry run rolls everything back."""
    summary: Counter = Counter()
    newsletters = {n.slug: n for n in Newsletter.objects.all()}
    with transaction.atomic():
        for row in rows:
            summary[_import_row(row, newsletter, newsletters, label)] += 1
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _import_row(row, newsletter, newsletters, label) -> str:
    email = normalize(_pick(row, EMAIL))
    try:
        validate_email(email)
    except ValidationError:
        return "skipped: not an email address"
    target = newsletter or newsletters.get(row.get("newsletter", "").strip())
    if target is None:
        return "skipped: no such newsletter"
    raw = (row.get("status") or row.get("subscribed_to_emails") or "subscribed").strip().lower()
    status = STATUSES.get(raw)
    if status is None:
        return f"skipped: unknown status {raw[:20]!r}"
    name = _pick(row, ["name"]) or " ".join(
        part for part in (_pick(row, ["first name"]), _pick(row, ["last name"])) if part
    )
    subscriber, _ = Subscriber.objects.get_or_create(email=email, defaults={"name": name[:150]})
    if status == "bounced" or row.get("suppressed") in ("bounced", "complained"):
        if not subscriber.suppressed:
            subscriber.suppress(row.get("suppressed") or "bounced")
        status = "subscribed" if status == "bounced" else status
    subscription = Subscription.objects.filter(subscriber=subscriber, newsletter=target).first()
    if subscription is None:
        consent, now = _when(_pick(row, CONSENT)), timezone.now()
        left = status == "unsubscribed"
        Subscription.objects.create(
            subscriber=subscriber,
            newsletter=target,
            status=status,
            requested_at=_when(row.get("requested_at", "")) or consent or now,
            consent_at=consent or (now if status == "subscribed" else None),
            consent_method=row.get("consent_method") or Subscription.Method.IMPORT,
            consent_source=(row.get("consent_source") or f"import:{label}")[:500],
            unsubscribed_at=(_when(row.get("unsubscribed_at", "")) or now) if left else None,
            unsubscribe_method=(row.get("unsubscribe_method") or "import")[:30] if left else "",
        )
        return "added"
    if status == "unsubscribed" and subscription.status != "unsubscribed":
        subscription.unsubscribe("import")
        return "unsubscribed"
    return "unchanged"


def export_rows() -> Iterable[dict[str, str]]:
    subscriptions = Subscription.objects.select_related("subscriber", "newsletter").order_by(
        "subscriber__email", "newsletter__slug"
    )
    for subscription in subscriptions.iterator(chunk_size=2000):
        # csv writes None (a time not set) as an empty cell.
        yield {**subscription.record(), "name": subscription.subscriber.name}
