"""Bounces and complaints from an ESP without signatures: Postmark, through
anymail's tracking webhook and its basic-auth secret (``ANYMAIL["WEBHOOK_SECRET"]``)."""

import base64
import json

from django.test import Client

import pytest

from membership.newsletters.esp import is_temporary
from membership.newsletters.issues import Delivery
from membership.newsletters.models import Subscriber
from tests.membership.newsletters.conftest import make_issue, subscribed

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.membership.newsletters.postmark_urls"),
]

URL = "/newsletters/esp/postmark/tracking/"
SECRET = "postmark:a-long-random-password"


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": SECRET}


def bounce(email: str, kind: str = "HardBounce", message_id: str = "pm-1") -> str:
    record = "SpamComplaint" if kind == "SpamComplaint" else "Bounce"
    return json.dumps(
        {
            "RecordType": record,
            "Type": kind,
            "TypeCode": 1,
            "ID": 42,
            "MessageID": message_id,
            "Email": email,
            "BouncedAt": "2026-12-03T10:00:00Z",
            "Inactive": kind != "SoftBounce",
            "Description": "The server was unable to deliver your message.",
            "Details": "smtp;550 5.1.1 user unknown",
        }
    )


def post(body: str, credentials: str | None = SECRET):
    headers = {}
    if credentials is not None:
        token = base64.b64encode(credentials.encode()).decode()
        headers["HTTP_AUTHORIZATION"] = f"Basic {token}"
    client = Client(enforce_csrf_checks=True)
    return client.post(URL, body, content_type="application/json", **headers)


def test_a_hard_bounce_suppresses_the_address_on_every_list(daily, weekly, send):
    subscribed("gone@example.org", daily, weekly)
    subscribed("ok@example.org", daily, weekly)
    send(make_issue(daily))
    Delivery.objects.filter(subscriber__email="gone@example.org").update(esp_message_id="pm-1")
    assert post(bounce("gone@example.org")).status_code == 200
    gone = Subscriber.objects.get(email="gone@example.org")
    assert gone.suppressed == "bounced"
    assert gone.deliveries.get().status == "bounced"
    weekly_issue = make_issue(weekly)
    assert send(weekly_issue) == 1  # only ok@ is a recipient of the other list
    assert list(weekly_issue.deliveries.values_list("subscriber__email", flat=True)) == [
        "ok@example.org"
    ]


def test_a_spam_complaint_suppresses(daily):
    subscribed("angry@example.org", daily)
    assert post(bounce("angry@example.org", "SpamComplaint")).status_code == 200
    assert Subscriber.objects.get().suppressed == "complained"


def test_a_soft_bounce_changes_nothing(daily):
    """Postmark reports a soft bounce as a Bounce record (anymail: "bounced");
    it is temporary, and the address keeps its lists."""
    subscribed("full@example.org", daily)
    assert post(bounce("full@example.org", "SoftBounce")).status_code == 200
    assert Subscriber.objects.get().suppressed == ""


@pytest.mark.parametrize(
    "credentials", [None, "postmark:wrong-password", "someone:a-long-random-password", ""]
)
def test_missing_or_wrong_basic_auth_answers_400_and_changes_nothing(daily, credentials):
    subscribed("r@example.org", daily)
    assert post(bounce("r@example.org"), credentials).status_code == 400
    assert Subscriber.objects.get().suppressed == ""


@pytest.mark.parametrize("body", ["not json", "[1, 2]"])
def test_malformed_bodies_with_the_right_secret_answer_400(daily, body):
    subscribed("r@example.org", daily)
    assert post(body).status_code == 400
    assert Subscriber.objects.get().suppressed == ""


@pytest.mark.parametrize(
    ("esp_name", "esp_event", "temporary"),
    [
        ("Postmark", {"RecordType": "Bounce", "Type": "SoftBounce"}, True),
        ("Postmark", {"RecordType": "Bounce", "Type": "HardBounce"}, False),
        ("Brevo", {"event": "soft_bounce"}, True),
        ("Brevo", {"event": "hard_bounce"}, False),
        ("Mailjet", {"event": "bounce", "hard_bounce": False}, True),
        ("Mailjet", {"event": "bounce", "hard_bounce": True}, False),
        ("Amazon SES", {"bounce": {"bounceType": "Transient"}}, True),
        ("Amazon SES", {"bounce": {"bounceType": "Permanent"}}, False),
        ("SendGrid", {"event": "bounce", "type": "blocked"}, True),
        ("SendGrid", {"event": "bounce", "type": "bounce"}, False),
        ("SparkPost", {"msys": {"message_event": {"bounce_class": "22"}}}, True),
        ("SparkPost", {"msys": {"message_event": {"bounce_class": "10"}}}, False),
        ("Mailgun", {"severity": "permanent"}, False),
        ("Postmark", "not a dict", False),
    ],
)
def test_which_bounces_each_esp_calls_temporary(esp_name, esp_event, temporary):
    assert is_temporary(esp_name, esp_event) is temporary
