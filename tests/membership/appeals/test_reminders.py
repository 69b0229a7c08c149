"""“Remind me later”: an address and the reader's consent, kept until one
reminder is sent next month, then deleted."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from membership.models import AppealReminder
from membership.reminders import CONSENT, next_month

pytestmark = pytest.mark.django_db

REMIND = "/membership/remind/"


def run() -> str:
    out = io.StringIO()
    call_command("send_appeal_reminders", stdout=out)
    return out.getvalue()


@pytest.fixture
def appeal(make_appeal):
    return make_appeal()


def test_the_form_keeps_the_appeal_and_article(client, appeal, article):
    html = client.get(REMIND, {"appeal": appeal.pk, "article": article.pk}).content.decode()
    assert f'name="appeal" value="{appeal.pk}"' in html
    assert f'name="article" value="{article.pk}"' in html
    assert CONSENT in html


def test_asking_stores_the_address_with_the_consent(client, appeal, article):
    data = {"email": "Reader@Example.org", "consent": "on", "appeal": appeal.pk}
    response = client.post(REMIND, {**data, "article": article.pk})
    assert response.status_code == 200
    assert "We'll remind you once" in response.content.decode()
    reminder = AppealReminder.objects.get()
    assert reminder.email == "reader@example.org"
    assert reminder.consent == CONSENT
    assert reminder.appeal == appeal
    assert reminder.page_id == article.pk
    assert 27 <= (reminder.send_after - reminder.consented_at).days <= 31
    # Asking again keeps one reminder for the address.
    client.post(REMIND, {**data, "email": "reader@example.org"})
    assert AppealReminder.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "reader@example.org"}, "Tick the box"),
        ({"email": "not an address", "consent": "on"}, "Enter a valid email address"),
        ({"consent": "on"}, "Enter your email address"),
    ],
)
def test_bad_input_stores_nothing(client, data, message):
    response = client.post(REMIND, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AppealReminder.objects.exists()


def test_the_reminder_is_sent_once_then_the_address_is_gone(client, appeal, article):
    data = {"email": "later@example.org", "consent": "on"}
    client.post(REMIND, {**data, "appeal": appeal.pk, "article": article.pk})
    assert "0 reminder(s) sent." in run()  # not due yet
    assert mail.outbox == []

    AppealReminder.objects.update(send_after=timezone.now() - datetime.timedelta(minutes=1))
    assert "1 reminder(s) sent." in run()
    [message] = mail.outbox
    assert message.to == ["later@example.org"]
    assert f"/membership/?appeal={appeal.pk}&article={article.pk}" in message.body
    assert "only reminder" in message.body
    assert not AppealReminder.objects.filter(email="later@example.org").exists()

    assert "0 reminder(s) sent." in run()
    assert len(mail.outbox) == 1


def test_a_failed_send_keeps_the_address_for_the_next_run(appeal, monkeypatch):
    AppealReminder.objects.create(
        email="retry@example.org",
        consent=CONSENT,
        consented_at=timezone.now(),
        send_after=timezone.now(),
    )

    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(ConnectionError):
        run()
    assert AppealReminder.objects.filter(email="retry@example.org").exists()


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime.datetime(2026, 1, 31, 9, 0), datetime.datetime(2026, 2, 28, 9, 0)),
        (datetime.datetime(2026, 12, 15, 9, 0), datetime.datetime(2027, 1, 15, 9, 0)),
    ],
)
def test_next_month_is_a_calendar_month(now, expected):
    assert next_month(now) == expected
