"""Bounces and complaints from the ESP (anymail's tracking webhooks).

Only the ESP named by ``NEWSLETTER_ESP`` gets a URL, ``/newsletters/esp/<esp>/
tracking/``: anymail's view checks the ESP's signature (Mailgun, SendGrid,
Resend, Amazon SES…) or the basic-auth secret (``ANYMAIL["WEBHOOK_SECRET"]``)
and answers 400 to anything it cannot verify, before any receiver runs.

A hard bounce or a complaint suppresses the address on every list (and marks
the delivery); a soft bounce (``deferred``, or a bounce the ESP calls
temporary: ``esp.is_temporary``) is left to the ESP, which retries. Mailgun's
view also refuses replayed requests (``esp.MailgunTrackingView``).
"""

import logging
from functools import wraps

from django.conf import settings
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import path
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.signals import tracking

from membership.newsletters.esp import ESP_TRACKING_VIEWS, is_temporary
from membership.newsletters.issues import Delivery
from membership.newsletters.models import Subscriber, normalize

logger = logging.getLogger(__name__)

SUPPRESSING = {
    "bounced": (Subscriber.Suppression.BOUNCED, Delivery.Status.BOUNCED),
    "rejected": (Subscriber.Suppression.BOUNCED, Delivery.Status.BOUNCED),
    "complained": (Subscriber.Suppression.COMPLAINED, Delivery.Status.COMPLAINED),
}


def urlpatterns(esp: str | None = None) -> list:
    """The tracking webhook of ``esp`` (by default the configured ``NEWSLETTER_ESP``)."""
    esp = getattr(settings, "NEWSLETTER_ESP", "") if esp is None else esp
    if esp not in ESP_TRACKING_VIEWS:
        return []
    view = verified_or_400(import_string(ESP_TRACKING_VIEWS[esp]).as_view())
    return [path(f"esp/{esp}/tracking/", view, name="esp_tracking")]


def verified_or_400(view):
    """A bad signature is a 400 (logged as a warning); and some of anymail's parsers raise
    on a body of the wrong shape (a JSON list where an object belongs): that
    is bad input too, not a server error the ESP should retry."""

    @csrf_exempt  # the ESP signs its requests (anymail checks); it has no cookie or token
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except AnymailWebhookValidationFailure as error:
            # Answered here (Django would log the SuspiciousOperation at ERROR).
            logger.warning("Unverified ESP webhook refused: %s", error)
            return HttpResponseBadRequest("Webhook not verified.", content_type="text/plain")
        except (TypeError, ValueError, KeyError, AttributeError, IndexError) as error:
            logger.warning("Malformed ESP webhook refused: %r", error)
            return HttpResponseBadRequest("Malformed webhook.", content_type="text/plain")

    return guarded


@receiver(tracking, dispatch_uid="newsletters-tracking")
def on_tracking_event(sender, event, esp_name: str, **kwargs) -> None:
    if event.event_type not in SUPPRESSING or not event.recipient:
        return
    if event.event_type == "bounced" and is_temporary(esp_name, event.esp_event):
        return  # a soft bounce some ESPs report as a bounce: the ESP retries
    reason, delivery_status = SUPPRESSING[event.event_type]
    subscriber = Subscriber.objects.filter(email=normalize(event.recipient)).first()
    if subscriber is None:
        return
    if subscriber.suppressed != Subscriber.Suppression.COMPLAINED:  # a complaint stays one
        subscriber.suppress(reason)
    sent = Delivery.objects.filter(subscriber=subscriber, status=Delivery.Status.SENT)
    if event.message_id and sent.filter(esp_message_id=str(event.message_id)).update(
        status=delivery_status
    ):
        return
    # No id to match (SMTP relays, some ESPs): the latest message sent to them.
    latest = sent.order_by("-sent_at").values_list("pk", flat=True)[:1]
    Delivery.objects.filter(pk__in=list(latest)).update(status=delivery_status)
