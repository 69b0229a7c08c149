"""The webhook inbox: verify → store → process (row locked) → dispatch.

Stripe delivers at least once, in any order, sometimes in parallel. Each
event is stored under its id before anything else, so a redelivery is
recognised; processing locks the event row, so two simultaneous deliveries of
one event are handled once; a handler's effects and the event's new status
commit together; a failure rolls the effects back and answers 500 so Stripe
delivers again (``replay_stripe_events`` retries from our side).
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from membership import handlers
from membership import stripe_gateway as gateway
from membership.models import StripeEvent
from membership.sync.ignore import Ignore

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    status: int  # the HTTP status to answer Stripe with
    message: str


def receive(payload: bytes, signature_header: str | None) -> Outcome:
    """Handle one delivery from Stripe's point of view."""
    try:
        event = gateway.verify_event(payload, signature_header)
    except gateway.InvalidSignature as error:
        logger.warning("Rejected a webhook delivery: %s", error)
        return Outcome(400, "invalid signature or payload")
    stored = store(event)
    if stored.status in StripeEvent.DONE:
        return Outcome(200, "duplicate")
    return process(stored.pk)


def store(event: dict) -> StripeEvent:
    created = event.get("created")
    defaults = {
        "type": event["type"],
        "api_version": event.get("api_version") or "",
        "livemode": bool(event.get("livemode")),
        "stripe_created": (
            datetime.datetime.fromtimestamp(created, tz=datetime.UTC)
            if isinstance(created, int)
            else None
        ),
        "payload": event,
    }
    try:
        stored, _ = StripeEvent.objects.get_or_create(id=event["id"], defaults=defaults)
    except IntegrityError:  # a parallel delivery stored it first
        stored = StripeEvent.objects.get(id=event["id"])
    return stored


def process(event_id: str) -> Outcome:
    """Process one stored event, exactly once however often it is called."""
    with transaction.atomic():
        event = StripeEvent.objects.select_for_update().get(pk=event_id)
        if event.status in StripeEvent.DONE:
            return Outcome(200, "duplicate")
        event.attempts += 1
        try:
            with transaction.atomic():  # the handler's effects, all or nothing
                handlers.dispatch(event)
        except Ignore as reason:
            event.status, event.last_error = StripeEvent.Status.IGNORED, str(reason)
        except Exception as error:
            logger.exception("Stripe event %s (%s) failed", event.id, event.type)
            event.status = StripeEvent.Status.FAILED
            event.last_error = f"{type(error).__name__}: {error}"[:2000]
        else:
            event.status, event.last_error = StripeEvent.Status.PROCESSED, ""
        event.processed_at = timezone.now()
        event.save()
    if event.status == StripeEvent.Status.FAILED:
        return Outcome(500, "processing failed; Stripe will retry")
    return Outcome(200, event.status)
