"""Demo payments: glue between the bundled fake Stripe and this site.

The fake's "hosted" Checkout and portal pages are ours (``views.demo``); when
the reader acts there, the fake changes its state and we deliver the signed
events to our own webhook URL over HTTP, exactly as Stripe would.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.urls import reverse

from membership.fakestripe import sign_payload

logger = logging.getLogger(__name__)

DEMO_TIERS = [
    {
        "slug": "supporter",
        "name": "Supporter",
        "description": "Keep our reporting free for everyone.",
        "benefits": "No appeals at the end of articles\nA supporter badge",
        "monthly_amount": 500,
        "yearly_amount": 5000,
        "sort_order": 1,
    },
    {
        "slug": "sustainer",
        "name": "Sustainer",
        "description": "Fund an investigation a year.",
        "benefits": "Everything in Supporter\nThe members' newsletter from the newsroom\n"
        "Invitations to members' briefings",
        "monthly_amount": 1000,
        "yearly_amount": 10000,
        "recommended": True,
        "sort_order": 2,
    },
]


def deliver(events: list[dict]) -> list[int]:
    """POST each event, signed, to our webhook; returns the HTTP statuses."""
    url = settings.SITE_URL + reverse("membership:stripe_webhook")
    statuses = []
    for event in events:
        payload = json.dumps(event)
        request = urllib.request.Request(  # noqa: S310 - our own SITE_URL
            url,
            data=payload.encode(),
            headers={
                "Content-Type": "application/json",
                "Stripe-Signature": sign_payload(payload, settings.STRIPE_WEBHOOK_SECRET),
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
        except OSError as error:
            logger.error("Demo payments could not deliver %s to %s: %s", event["id"], url, error)
            statuses.append(0)
    return statuses
