"""Leaving: RFC 8058 one-click POST without cookies, the manage page by
signed token, the toggles on /account/, export and deletion."""

import json
import re

from django.core import mail
from django.test import Client

import pytest

from membership.newsletters import tokens
from membership.newsletters.models import Subscriber, Subscription
from tests.membership.conftest import reauthenticate
from tests.membership.newsletters.conftest import make_issue, subscribed

pytestmark = pytest.mark.django_db


def unsubscribe_url(message) -> str:
    return message.extra_headers["List-Unsubscribe"].split(">")[0][1:]


def test_one_click_post_without_cookies_or_csrf_unsubscribes(daily, weekly, send):
    subscribed("r@example.org", daily, weekly)
    send(make_issue(daily))
    url = unsubscribe_url(mail.outbox[0])
    mail_client = Client(enforce_csrf_checks=True)  # no cookie, no token: a mail client
    response = mail_client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    daily_sub, weekly_sub = Subscription.objects.order_by("newsletter__sort_order")
    assert (daily_sub.status, daily_sub.unsubscribe_method) == ("unsubscribed", "one-click")
    assert weekly_sub.status == "subscribed"  # the other list is untouched
    mail.outbox.clear()
    send(make_issue(daily, "Tomorrow"))
    assert mail.outbox == []


def test_a_get_of_the_unsubscribe_link_only_shows_the_button(client, daily):
    subscriber = subscribed("r@example.org", daily)
    url = f"/newsletters/unsubscribe/{tokens.unsubscribe_token(subscriber.pk, daily.pk)}/"
    assert "<button" in client.get(url).content.decode()
    assert Subscription.objects.get().status == "subscribed"
    client.post(url)
    assert Subscription.objects.get().unsubscribe_method == "unsubscribe page"


def test_forged_unsubscribe_and_manage_links_change_nothing(client, daily):
    subscriber = subscribed("r@example.org", daily)
    forged = tokens.unsubscribe_token(subscriber.pk, daily.pk)[:-2] + "xx"
    assert (
        Client(enforce_csrf_checks=True).post(f"/newsletters/unsubscribe/{forged}/").status_code
        == 400
    )
    assert client.get("/newsletters/manage/1:nope/").status_code == 400
    assert client.post("/newsletters/manage/1:nope/", {f"n{daily.pk}": ""}).status_code == 400
    other = tokens.unsubscribe_token(subscriber.pk + 1, daily.pk)  # signed, but no such row
    assert client.post(f"/newsletters/unsubscribe/{other}/").status_code == 400
    assert Subscription.objects.get().status == "subscribed"


def test_the_manage_page_changes_every_list_without_signing_in(client, daily, weekly, briefing):
    subscriber = subscribed("r@example.org", daily)
    url = f"/newsletters/manage/{tokens.manage_token(subscriber.pk)}/"
    html = client.get(url).content.decode()
    assert "The Daily" in html
    assert "The Weekly" in html
    assert "Members&#x27; briefing" not in html  # not a member: not offered
    response = client.post(url, {f"n{weekly.pk}": "on"})
    assert response.status_code == 302
    rows = {s.newsletter.slug: s for s in Subscription.objects.select_related("newsletter")}
    assert rows["daily"].status == "unsubscribed"
    assert (rows["weekly"].status, rows["weekly"].consent_method) == ("subscribed", "manage_link")


def test_account_lists_subscriptions_with_toggles(client, reader, daily, weekly):
    subscribed(reader.email, daily, user=reader)
    client.force_login(reader)
    html = client.get("/account/").content.decode()
    assert re.search(rf'name="n{daily.pk}"[^>]* checked>', html)
    assert re.search(rf'name="n{weekly.pk}" id="id_n{weekly.pk}">', html)
    client.post("/newsletters/account/", {f"n{weekly.pk}": "on"})
    statuses = dict(Subscription.objects.values_list("newsletter__slug", "status"))
    assert statuses == {"daily": "unsubscribed", "weekly": "subscribed"}


def test_export_includes_subscriptions_with_consent(client, reader, daily):
    subscribed(reader.email, daily)  # signed up before the account existed
    client.force_login(reader)
    reauthenticate(client)
    data = json.loads(client.post("/account/data/").content)
    (row,) = data["newsletter_subscriptions"]
    assert row["email"] == reader.email
    assert row["newsletter"] == "daily"
    assert row["status"] == "subscribed"
    assert row["consent_method"] == "admin"
    assert row["consent_source"] == "/tests/"
    assert row["consent_at"]


def test_deleting_the_account_deletes_the_subscriptions(client, reader, daily):
    subscribed(reader.email, daily, user=reader)
    subscribed("someone-else@example.org", daily)
    client.force_login(reader)
    reauthenticate(client)
    client.post("/account/delete/", {"confirm": "on"})
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["someone-else@example.org"]
