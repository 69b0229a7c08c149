"""Unsubscribing by email: the ``mailto:`` of ``List-Unsubscribe``.

Every issue's ``List-Unsubscribe`` names ``mailto:<NEWSLETTER_UNSUBSCRIBE_EMAIL>
?subject=unsubscribe <token>``, the same signed token as the https link (one
address, one list). The ESP receives that mailbox and forwards each message
to anymail's inbound webhook, ``/newsletters/esp/<esp>/inbound/`` (only for
the ESP named by ``NEWSLETTER_ESP``), which checks the ESP's signature or the
basic-auth secret like the tracking webhook and answers 400 to anything it
cannot verify. A message whose subject carries a valid token unsubscribes
that address from that list (method ``mailto``); anything else is logged and
ignored with a 200, so the ESP does not retry it.
"""

import logging
import re

from django.conf import settings
from django.dispatch import receiver
from django.urls import path
from django.utils.module_loading import import_string

from anymail.signals import inbound

from membership.newsletters import tokens
from membership.newsletters.models import Subscription
from membership.newsletters.tracking import verified_or_400

ESP_INBOUND_VIEWS = {
    "amazon_ses": "anymail.webhooks.amazon_ses.AmazonSESInboundWebhookView",
    "brevo": "anymail.webhooks.brevo.BrevoInboundWebhookView",
    "mailgun": "anymail.webhooks.mailgun.MailgunInboundWebhookView",
    "mailjet": "anymail.webhooks.mailjet.MailjetInboundWebhookView",
    "postmark": "anymail.webhooks.postmark.PostmarkInboundWebhookView",
    "resend": "anymail.webhooks.resend.ResendInboundWebhookView",
    "sendgrid": "anymail.webhooks.sendgrid.SendGridInboundWebhookView",
    "sparkpost": "anymail.webhooks.sparkpost.SparkPostInboundWebhookView",
}
TOKEN = re.compile(r"\bunsubscribe\s+([\w:-]+)", re.IGNORECASE)

logger = logging.getLogger(__name__)


def urlpatterns() -> list:
    esp = getattr(settings, "NEWSLETTER_ESP", "")
    if esp not in ESP_INBOUND_VIEWS:
        return []
    view = verified_or_400(import_string(ESP_INBOUND_VIEWS[esp]).as_view())
    return [path(f"esp/{esp}/inbound/", view, name="esp_inbound")]


@receiver(inbound, dispatch_uid="newsletters-mailto-unsubscribe")
def on_inbound(sender, event, esp_name: str, **kwargs) -> None:
    match = TOKEN.search(event.message.subject or "")
    if match is None:
        logger.info("Inbound email without an unsubscribe token ignored")
        return
    try:
        subscriber_id, newsletter_id = tokens.read_unsubscribe_token(match.group(1))
    except tokens.BadToken:
        logger.warning("Inbound unsubscribe with a bad token ignored")
        return
    subscription = Subscription.objects.filter(
        subscriber_id=subscriber_id, newsletter_id=newsletter_id
    ).first()
    if subscription is not None and subscription.unsubscribe("mailto"):
        logger.info("Subscriber %s unsubscribed from %s by email", subscriber_id, newsletter_id)
