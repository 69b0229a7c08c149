"""The appeal counters: one row per day, appeal and page, changed only by
atomic increments, so parallel beacons and webhooks never lose a count."""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from membership.models import AppealStat

FIELDS = ("impressions", "clicks", "conversions")


def bump(field: str, appeal_id: int, page_id: int | None, day: date | None = None) -> None:
    """Add one to ``field`` for that day, appeal and page (an upsert: update
    the row, else insert it, else — another process inserted it first —
    update it)."""
    if field not in FIELDS:
        raise ValueError(f"unknown counter {field!r}")
    key = {"day": day or timezone.localdate(), "appeal_id": appeal_id, "page_id": page_id or 0}
    rows = AppealStat.objects.filter(**key)
    if rows.update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            AppealStat.objects.create(**key, **{field: 1})
    except IntegrityError:
        rows.update(**{field: F(field) + 1})


def count_conversion(attributed) -> bool:
    """Count a paid membership or gift as a conversion of the appeal that led
    to it, once: the caller holds the row (webhook transaction, row lock) and
    ``conversion_counted_at`` records that it was counted."""
    if attributed.conversion_counted_at is not None or not attributed.source_appeal_id:
        return False
    bump("conversions", attributed.source_appeal_id, attributed.source_page_id)
    attributed.conversion_counted_at = timezone.now()
    return True
