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

# The demo tiers in the other demo currencies: rounded local amounts, as an
# editor would set them (never converted), and example rates for the reports.
DEMO_LOCAL_PRICES = {
    "supporter": {"eur": (500, 5000), "gbp": (400, 4000)},
    "sustainer": {"eur": (1000, 10000), "gbp": (900, 9000)},
}
DEMO_RATES = {"eur": "1.08", "gbp": "1.27"}  # example values, dated when created


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


# Appeals for the demo newsroom (``manage.py setup_demo_appeals``): two copies
# of the end-of-article appeal for anonymous readers (rotated 2:1), one each
# for signed-in readers and former members, a thank-you for members, and a
# banner with this month's goal.
DEMO_APPEALS = [
    {
        "name": "End of article, anonymous, copy A",
        "heading": "Independent journalism matters",
        "body": "<p>The Meridian Ledger is free for everyone because readers fund it, "
        "in {country} and around the world. No owner, no paywall: just the people who "
        "read us. <b>Join them.</b></p>",
        "cta_label": "Become a member",
        "placement": "end",
        "audience": "anonymous",
        "weight": 2,
    },
    {
        "name": "End of article, anonymous, copy B",
        "heading": "You just read this for free. Help keep it that way",
        "body": "<p>Reporting like this takes weeks on the ground. A few dollars a month "
        "from readers like you pays for the next story.</p>",
        "cta_label": "Support us from $5 a month",
        "placement": "end",
        "audience": "anonymous",
        "weight": 1,
        "tier_slug": "supporter",
        "interval": "month",
    },
    {
        "name": "End of article, anonymous, regular readers",
        "heading": "You've read {articles_read} articles this month",
        "body": "<p>Readers like you, who come back for the reporting, are who keeps it free. "
        "Join the members funding it.</p>",
        "cta_label": "See all the ways to join",
        "placement": "end",
        "audience": "anonymous",
        "min_articles_read": 5,
        "goal": 100,
    },
    {
        "name": "End of article, signed in",
        "heading": "You read us often. Will you fund the reporting?",
        "body": "<p>You already have an account: becoming a member takes a minute.</p>",
        "cta_label": "Join as a member",
        "placement": "end",
        "audience": "signed_in",
    },
    {
        "name": "End of article, lapsed",
        "heading": "We miss you",
        "body": "<p>Your membership has ended. Come back and keep our newsroom independent.</p>",
        "cta_label": "Renew your membership",
        "placement": "end",
        "audience": "lapsed",
    },
    {
        "name": "End of article, members' thank-you",
        "heading": "Thank you for being a member",
        "body": "<p>Stories like this one exist because you fund them.</p>",
        "cta_label": "",
        "placement": "end",
        "audience": "member",
    },
    {
        "name": "Banner, this month's drive",
        "heading": "Our readers' drive is on.",
        "body": "<p>Help us reach our goal of new members.</p>",
        "cta_label": "Become a member",
        "placement": "banner",
        "audience": "anonymous",
        "goal": 100,
    },
]
