"""Double opt-in: GET never confirms, only the POST does; tokens are signed
and expire; verified signed-in readers join in one click."""

import time

from django.core import mail, signing

import pytest
from allauth.account.models import EmailAddress

from membership.models import User
from membership.newsletters import tokens
from membership.newsletters.models import Subscriber, Subscription
from tests.membership.newsletters.conftest import link

pytestmark = pytest.mark.django_db


def sign_up(client, email, *newsletters, source="/world/story/"):
    return client.post(
        "/newsletters/subscribe/",
        {"email": email, "newsletters": [n.pk for n in newsletters], "source": source},
    )


def test_anonymous_sign_up_waits_for_the_post_behind_the_emailed_link(client, daily, weekly):
    response = sign_up(client, "Reader@Example.org", daily, weekly)
    assert response.status_code == 302
    assert "Check your inbox" in client.get(response["Location"]).content.decode()
    subscriptions = Subscription.objects.filter(subscriber__email="reader@example.org")
    assert {s.status for s in subscriptions} == {"pending"}
    assert len(mail.outbox) == 1
    confirm = link(mail.outbox[0], r"/newsletters/confirm/[^/\s]+/")

    page = client.get(confirm)  # a link scanner, or the reader opening it
    assert page.status_code == 200
    assert "<button" in page.content.decode()
    assert {s.status for s in subscriptions.all()} == {"pending"}

    done = client.post(confirm)
    assert done.status_code == 200
    assert "You're subscribed" in done.content.decode()
    rows = list(subscriptions.all())
    assert {s.status for s in rows} == {"subscribed"}
    assert {s.consent_method for s in rows} == {"double_opt_in"}
    assert {s.consent_source for s in rows} == {"/world/story/"}
    assert all(s.consent_at for s in rows)


def test_a_forged_token_shows_a_clear_page_and_changes_nothing(client, daily):
    sign_up(client, "reader@example.org", daily)
    forged = tokens.confirm_token(1, [daily.pk])[:-3] + "abc"
    for method in (client.get, client.post):
        response = method(f"/newsletters/confirm/{forged}/")
        assert response.status_code == 400
        assert "This link doesn't work" in response.content.decode()
    assert Subscription.objects.get().status == "pending"


def test_an_expired_token_says_so_and_changes_nothing(client, daily, monkeypatch):
    sign_up(client, "reader@example.org", daily)
    subscriber = Subscriber.objects.get()
    real = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real() - tokens.CONFIRM_MAX_AGE - 60)
    old = tokens.confirm_token(subscriber.pk, [daily.pk])
    monkeypatch.setattr(signing.time, "time", real)
    response = client.post(f"/newsletters/confirm/{old}/")
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert Subscription.objects.get().status == "pending"


def test_a_verified_signed_in_reader_subscribes_in_one_click(client, reader, daily):
    client.force_login(reader)
    response = sign_up(client, reader.email, daily, source="/newsletters/")
    assert "You're subscribed" in client.get(response["Location"]).content.decode()
    subscription = Subscription.objects.get()
    assert subscription.status == "subscribed"
    assert subscription.consent_method == "account"
    assert subscription.subscriber.user == reader
    assert mail.outbox == []


def test_an_unverified_account_confirms_by_email(client, daily):
    user = User.objects.create_user("new@example.org", password="x-long-password-1")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)
    sign_up(client, user.email, daily)
    assert Subscription.objects.get().status == "pending"
    assert len(mail.outbox) == 1


def test_someone_elses_address_while_signed_in_confirms_by_email(client, reader, daily):
    client.force_login(reader)
    sign_up(client, "other@example.org", daily)
    assert Subscription.objects.get().status == "pending"
    assert mail.outbox[0].to == ["other@example.org"]


def test_members_only_lists_refuse_non_members(client, reader, briefing):
    client.force_login(reader)
    response = sign_up(client, reader.email, briefing)
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_repeated_sign_ups_send_one_confirmation(client, daily):
    for _ in range(3):
        sign_up(client, "reader@example.org", daily)
    assert len(mail.outbox) == 1


def test_bad_input_is_a_form_error(client, daily):
    bad = [
        {"email": "nope", "newsletters": [daily.pk]},
        {"email": "a@b.org"},
        {"email": "a@b.org", "newsletters": ["x"]},
        {"email": "a\x00@b.org", "newsletters": [daily.pk]},
    ]
    for data in bad:
        response = client.post("/newsletters/subscribe/", data)
        assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_the_footer_form_leads_to_the_sign_up_page_with_the_address(client, daily):
    response = client.get(
        "/newsletters/subscribe/", {"email": "r@example.org", "newsletter": daily.pk}
    )
    html = response.content.decode()
    assert 'value="r@example.org"' in html
    assert f'value="{daily.pk}" id="id_newsletters_0" checked' in html
    assert not Subscriber.objects.exists()
