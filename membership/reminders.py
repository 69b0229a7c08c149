"""“Remind me later”: one reminder next month, then the address is gone.

``remember`` keeps the address (one pending reminder per address; asking
again moves it), with the consent the reader gave, until ``send_due`` sends
its reminder and deletes it in the same transaction. ``send_due`` is run by
``manage.py send_appeal_reminders``, from the periodic newsletter job."""

import calendar
import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.http import urlencode

from membership import branding
from membership.models import Appeal, AppealReminder

CONSENT = (
    "Email me one reminder next month. Nothing else will be sent to this address, "
    "and it is deleted once the reminder has gone."
)
SUBJECT = "Your reminder: support independent journalism"


def next_month(moment: datetime.datetime) -> datetime.datetime:
    """The same day and time next month (the month's last day when it is shorter)."""
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def remember(email: str, appeal_id: int | None, page_id: int, now: datetime.datetime) -> None:
    appeal = Appeal.objects.filter(pk=appeal_id).first() if appeal_id else None
    AppealReminder.objects.update_or_create(
        email=email,
        defaults={
            "appeal": appeal,
            "page_id": page_id,
            "consent": CONSENT,
            "consented_at": now,
            "send_after": next_month(now),
        },
    )


def join_link(reminder: AppealReminder) -> str:
    params = {}
    if reminder.appeal_id:
        params["appeal"] = str(reminder.appeal_id)
    if reminder.page_id:
        params["article"] = str(reminder.page_id)
    query = f"?{urlencode(params)}" if params else ""
    return f"{settings.SITE_URL}{reverse('membership:join')}{query}"


def send(reminder: AppealReminder) -> None:
    context = {
        "join_url": join_link(reminder),
        "account_url": settings.SITE_URL + reverse("membership:account"),
    }
    branding.send(reminder.email, SUBJECT, "membership/email/appeal_reminder", context)


def send_due(now: datetime.datetime) -> int:
    """Send each due reminder once and delete it. Each in its own transaction,
    the row locked (a second sender skips it): a failed send keeps the row
    for the next run, a sent one is deleted before the lock is released."""
    sent = 0
    for pk in list(AppealReminder.objects.due(now).values_list("pk", flat=True)):
        with transaction.atomic():
            reminder = (
                AppealReminder.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            )
            if reminder is None:  # sent by another run meanwhile
                continue
            send(reminder)
            reminder.delete()
            sent += 1
    return sent
