"""What anymail leaves to us about each ESP's tracking webhook.

* **Replays (Mailgun).** anymail checks Mailgun's HMAC over the signature's
  timestamp and token, but not how old the timestamp is nor whether the token
  was seen before, so a captured request (a "complained" event, say) could be
  posted again months later and suppress an address that has since confirmed
  again. Mailgun's advice is to refuse stale timestamps and reused tokens;
  :class:`MailgunTrackingView` does both, after the signature is verified.
* **Soft bounces.** Several ESPs report a temporary failure as a *bounce*
  (anymail's ``bounced``) and say "temporary" only in their own payload:
  :func:`is_temporary` reads it, so a full mailbox suppresses nothing.
"""

import json
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.webhooks.mailgun import MailgunTrackingWebhookView


def _mailgun_signature(request) -> tuple[str, str]:
    if request.content_type == "application/json":
        block = json.loads(request.body.decode("utf-8"))["signature"]
        return str(block["timestamp"]), str(block["token"])
    return request.POST["timestamp"], request.POST["token"]


class MailgunTrackingView(MailgunTrackingWebhookView):
    """anymail's Mailgun view, refusing stale timestamps and reused tokens."""

    def run_validators(self, request) -> None:
        super().run_validators(request)  # the signature first: nothing unsigned is remembered
        timestamp, token = _mailgun_signature(request)
        max_age = settings.NEWSLETTER_WEBHOOK_MAX_AGE
        try:
            age = time.time() - float(timestamp)
        except ValueError as error:
            raise AnymailWebhookValidationFailure("Mailgun timestamp unreadable") from error
        if not -max_age < age < max_age:
            raise AnymailWebhookValidationFailure("Mailgun webhook timestamp too old (replay?)")
        if not cache.add(f"newsletters:mailgun-token:{token}", 1, 2 * max_age):
            raise AnymailWebhookValidationFailure("Mailgun webhook token used before (replay)")


ESP_TRACKING_VIEWS = {
    "amazon_ses": "anymail.webhooks.amazon_ses.AmazonSESTrackingWebhookView",
    "brevo": "anymail.webhooks.brevo.BrevoTrackingWebhookView",
    "mailgun": "membership.newsletters.esp.MailgunTrackingView",
    "mailjet": "anymail.webhooks.mailjet.MailjetTrackingWebhookView",
    "postmark": "anymail.webhooks.postmark.PostmarkTrackingWebhookView",
    "resend": "anymail.webhooks.resend.ResendTrackingWebhookView",
    "sendgrid": "anymail.webhooks.sendgrid.SendGridTrackingWebhookView",
    "sparkpost": "anymail.webhooks.sparkpost.SparkPostTrackingWebhookView",
}

# SparkPost bounce classes that are temporary: soft, DNS, mailbox full, too
# large, timeout, transient.
_SPARKPOST_TEMPORARY = {"20", "21", "22", "23", "24", "70"}


def _sparkpost(event: dict) -> bool:
    inner = next(iter((event.get("msys") or {}).values()), {}) or {}
    return str(inner.get("bounce_class", "")) in _SPARKPOST_TEMPORARY


# anymail's esp_name, lower case without spaces -> "is this bounce temporary?"
_TEMPORARY: dict[str, Callable[[dict], bool]] = {
    "postmark": lambda event: event.get("Type") == "SoftBounce",
    "brevo": lambda event: event.get("event") == "soft_bounce",
    "mailjet": lambda event: event.get("event") == "bounce" and event.get("hard_bounce") is False,
    "amazonses": lambda event: (event.get("bounce") or {}).get("bounceType") == "Transient",
    "sendgrid": lambda event: event.get("type") == "blocked",
    "sparkpost": _sparkpost,
}


def is_temporary(esp_name: str, esp_event) -> bool:
    """Did the ESP call this bounce temporary (it retries; nothing to suppress)?"""
    check = _TEMPORARY.get(esp_name.lower().replace(" ", "").replace("_", ""))
    return bool(check and isinstance(esp_event, dict) and check(esp_event))
