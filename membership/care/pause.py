"""Pausing a membership's payments for one to three months instead of
cancelling (Stripe's ``pause_collection``). The member keeps their perks;
invoices made while paused are voided. Our records change only when Stripe's
``customer.subscription.updated`` arrives (``membership.sync``)."""

import calendar
import datetime

from django.utils import timezone

from membership import stripe_changes
from membership.models import Membership

PAUSE_MONTHS = (1, 2, 3)


class CannotPause(Exception):
    """This membership can't be paused (or resumed) now; the message says why."""


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day ``months`` calendar months later (the month's last day
    when it is shorter), as Stripe counts billing months."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(
        year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1])
    )


def check_can_pause(membership: Membership | None) -> None:
    if membership is None or membership.status != Membership.Status.ACTIVE:
        raise CannotPause("Only an active membership with its payments up to date can be paused.")
    if membership.cancel_at_period_end:
        raise CannotPause("This membership is set to end; it can't be paused.")
    if membership.payments_paused:
        raise CannotPause("Payments are already paused.")


def pause(membership: Membership | None, months: int) -> datetime.datetime:
    """Ask Stripe to pause payments; returns when they resume. A repeated
    request (double click) before Stripe's webhook arrives is the same
    request to Stripe (its idempotency key), so it pauses once."""
    check_can_pause(membership)
    if months not in PAUSE_MONTHS:
        raise CannotPause("Choose one, two or three months.")
    # The start of the day after the same day ``months`` later (UTC): a
    # double click sends the same resumes_at under the same idempotency key.
    # Taken from the clock to the second, two clicks a second apart reused
    # the key with another resumes_at, which Stripe refuses (the member got
    # an error page).
    later = add_months(timezone.now(), months).astimezone(datetime.UTC)
    resumes = datetime.datetime.combine(
        later.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=datetime.UTC
    )
    synced = int(membership.stripe_synced_at.timestamp()) if membership.stripe_synced_at else 0
    stripe_changes.pause_collection(
        membership.stripe_subscription_id,
        int(resumes.timestamp()),
        idempotency_key=(
            f"pause-{membership.stripe_subscription_id}-{resumes.date().isoformat()}-{synced}"
        ),
    )
    return resumes


def resume(membership: Membership | None) -> None:
    """Ask Stripe to collect payments again from the next invoice."""
    if membership is None or not membership.payments_paused:
        raise CannotPause("Payments are not paused.")
    stripe_changes.resume_collection(membership.stripe_subscription_id)
