"""Bounces and complaints through anymail's signed Mailgun webhook: verified,
suppressing the address on every list, shown on /account/."""

import hashlib
import hmac
import json
import secrets
import time

from django.conf import settings
from django.core import mail
from django.test import Client

import pytest

from membership.newsletters.issues import Delivery
from membership.newsletters.models import Subscriber
from tests.membership.newsletters.conftest import make_issue, subscribed

pytestmark = pytest.mark.django_db

URL = "/newsletters/esp/mailgun/tracking/"


def mailgun_event(
    recipient: str, event: str, key: str | None = None, age: int = 0, **extra
) -> str:
    """A Mailgun event signed ``age`` seconds ago, with a fresh token."""
    timestamp, token = str(int(time.time()) - age), secrets.token_hex(25)
    key = key or settings.ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"]
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256)
    return json.dumps(
        {
            "signature": {
                "timestamp": timestamp,
                "token": token,
                "signature": signature.hexdigest(),
            },
            "event-data": {
                "event": event,
                "timestamp": float(timestamp),
                "id": "evt-1",
                "recipient": recipient,
                "message": {"headers": {"message-id": "esp-id@mg"}},
                **extra,
            },
        }
    )


def post(body: str):
    return Client(enforce_csrf_checks=True).post(URL, body, content_type="application/json")


def test_a_hard_bounce_suppresses_the_address_on_every_list(daily, weekly, send):
    subscribed("gone@example.org", daily, weekly)
    subscribed("ok@example.org", daily, weekly)
    send(make_issue(daily))
    Delivery.objects.filter(subscriber__email="gone@example.org").update(
        esp_message_id="esp-id@mg"
    )
    body = mailgun_event("gone@example.org", "failed", severity="permanent", reason="bounce")
    assert post(body).status_code == 200
    gone = Subscriber.objects.get(email="gone@example.org")
    assert gone.suppressed == "bounced"
    assert gone.deliveries.get().status == "bounced"
    mail.outbox.clear()
    send(make_issue(weekly))
    assert [m.to for m in mail.outbox] == [["ok@example.org"]]


def test_a_complaint_suppresses_too(daily):
    subscribed("angry@example.org", daily)
    assert post(mailgun_event("angry@example.org", "complained")).status_code == 200
    assert Subscriber.objects.get().suppressed == "complained"


def test_a_soft_bounce_changes_nothing(daily):
    subscribed("full@example.org", daily)
    body = mailgun_event("full@example.org", "failed", severity="temporary", reason="full")
    assert post(body).status_code == 200
    assert Subscriber.objects.get().suppressed == ""


@pytest.mark.parametrize(
    "body",
    [
        mailgun_event("r@example.org", "complained", key="not-the-key"),
        json.dumps({"event-data": {"event": "complained", "recipient": "r@example.org"}}),
        "not json",
        "[1, 2]",
        json.dumps({"signature": "x", "event-data": []}),
    ],
)
def test_unverified_webhooks_answer_400_and_change_nothing(daily, body):
    subscribed("r@example.org", daily)
    assert post(body).status_code == 400
    assert Subscriber.objects.get().suppressed == ""


def test_a_replayed_request_is_refused_and_changes_nothing(daily):
    """anymail checks Mailgun's signature but not its age nor its token's reuse."""
    subscriber = subscribed("r@example.org", daily)
    body = mailgun_event("r@example.org", "complained")
    assert post(body).status_code == 200
    Subscriber.objects.filter(pk=subscriber.pk).update(suppressed="", suppressed_at=None)
    assert post(body).status_code == 400  # the same token again
    assert Subscriber.objects.get().suppressed == ""


@pytest.mark.parametrize("age", [16 * 60, 3600 * 24 * 90, -16 * 60])
def test_a_stale_signature_is_refused_and_changes_nothing(daily, age):
    subscribed("r@example.org", daily)
    assert post(mailgun_event("r@example.org", "complained", age=age)).status_code == 400
    assert Subscriber.objects.get().suppressed == ""


def test_a_recent_signature_is_accepted(daily):
    subscribed("r@example.org", daily)
    assert post(mailgun_event("r@example.org", "complained", age=14 * 60)).status_code == 200
    assert Subscriber.objects.get().suppressed == "complained"


def test_only_the_configured_esp_has_a_webhook(client):
    assert (
        client.post(
            "/newsletters/esp/postmark/tracking/", "{}", content_type="application/json"
        ).status_code
        == 404
    )


def test_the_reader_sees_why_on_the_account_page_and_can_reconfirm(client, reader, daily):
    subscriber = subscribed(reader.email, daily, user=reader)
    subscriber.suppress("bounced")
    client.force_login(reader)
    html = client.get("/account/").content.decode()
    assert "emails to it bounced" in html
    client.post("/newsletters/account/reconfirm/")
    (message,) = mail.outbox
    confirm = message.body.split("http://testserver", 1)[1].split()[0]
    client.post(confirm)
    subscriber.refresh_from_db()
    assert subscriber.suppressed == ""
