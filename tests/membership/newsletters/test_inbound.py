"""The mailto: of List-Unsubscribe: an email to the unsubscribe mailbox, through
the ESP's signed inbound webhook (anymail's, Mailgun here), unsubscribes."""

import hashlib
import hmac
import time

from django.conf import settings
from django.test import Client

import pytest

from membership.newsletters import tokens
from membership.newsletters.models import Subscription
from tests.membership.newsletters.conftest import subscribed

pytestmark = pytest.mark.django_db

URL = "/newsletters/esp/mailgun/inbound/"


def forwarded(subject: str, key: str | None = None) -> dict:
    """What Mailgun's route posts for a message it received (forward())."""
    timestamp, token = str(int(time.time())), "b" * 50
    key = key or settings.ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"]
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256)
    mime = (
        "From: reader@example.org\r\nTo: unsubscribe@example.org\r\n"
        f"Subject: {subject}\r\n\r\n\r\n"
    )
    return {
        "timestamp": timestamp,
        "token": token,
        "signature": signature.hexdigest(),
        "recipient": "unsubscribe@example.org",
        "sender": "reader@example.org",
        "body-mime": mime,
    }


def post(data: dict):
    return Client(enforce_csrf_checks=True).post(URL, data)


def status(subscription: Subscription) -> tuple[str, str]:
    subscription.refresh_from_db()
    return subscription.status, subscription.unsubscribe_method


def test_an_email_with_the_token_unsubscribes_from_that_list(daily, weekly):
    subscriber = subscribed("reader@example.org", daily, weekly)
    daily_sub = subscriber.subscriptions.get(newsletter=daily)
    weekly_sub = subscriber.subscriptions.get(newsletter=weekly)
    token = tokens.unsubscribe_token(subscriber.pk, daily.pk)
    assert post(forwarded(f"unsubscribe {token}")).status_code == 200
    assert status(daily_sub) == ("unsubscribed", "mailto")
    assert status(weekly_sub) == ("subscribed", "")
    assert post(forwarded(f"Re: unsubscribe {token}")).status_code == 200  # again: no change
    assert status(daily_sub) == ("unsubscribed", "mailto")


def test_a_bad_signature_is_400_and_changes_nothing(daily):
    subscriber = subscribed("reader@example.org", daily)
    token = tokens.unsubscribe_token(subscriber.pk, daily.pk)
    assert post(forwarded(f"unsubscribe {token}", key="not-the-key")).status_code == 400
    assert status(subscriber.subscriptions.get()) == ("subscribed", "")


@pytest.mark.parametrize("subject", ["unsubscribe 1-1:forged", "hello", ""])
def test_a_forged_or_missing_token_changes_nothing(daily, subject):
    subscriber = subscribed("reader@example.org", daily)
    assert post(forwarded(subject)).status_code == 200  # not the ESP's fault: no retry
    assert status(subscriber.subscriptions.get()) == ("subscribed", "")
