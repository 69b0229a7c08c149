"""After joining, the welcome email offers the member's newsletters (public,
and members-only for their tier) as a form posting a signed token: one click
subscribes, with no second confirmation; a bad token shows a clear page and
changes nothing."""

import re
import time
from html import unescape
from unittest import mock
from urllib.parse import urlsplit

from django.core import mail
from django.test import Client

import pytest

from membership.newsletters import tokens
from membership.newsletters.models import Newsletter, Subscription
from tests.membership.newsletters.conftest import subscribed

pytestmark = pytest.mark.django_db


@pytest.fixture
def sustainers_letter(tiers) -> Newsletter:
    letter = Newsletter.objects.create(
        name="Sustainers' letter", slug="sustainers", audience=Newsletter.Audience.MEMBERS
    )
    letter.tiers.set([tiers["sustainer"]])
    return letter


@pytest.fixture
def welcome(reader, subscribe, daily, weekly, briefing, sustainers_letter):
    """Ana, already on The Weekly, joins as a Supporter: her welcome email."""
    subscribed(reader.email, weekly, user=reader)
    mail.outbox.clear()
    subscribe(reader)
    (message,) = [m for m in mail.outbox if m.subject.startswith("Welcome")]
    return message


def offer_form(message) -> tuple[str, set[str]]:
    """The form in the email's HTML: where it posts, and the lists it ticks."""
    html = message.alternatives[0][0]
    action = unescape(re.search(r'<form method="post" action="([^"]+)"', html).group(1))
    values = set(re.findall(r'name="newsletters" value="(\d+)" checked', html))
    return urlsplit(action).path, values


def statuses(reader) -> dict[str, tuple[str, str]]:
    rows = Subscription.objects.filter(subscriber__email=reader.email)
    return {s.newsletter.slug: (s.status, s.consent_method) for s in rows}


def test_the_email_offers_the_public_lists_and_the_members_lists_of_their_tier(
    welcome, daily, briefing
):
    path, ticked = offer_form(welcome)
    assert path.startswith("/newsletters/welcome/")
    # The Weekly: already on it; Sustainers' letter: another tier's.
    assert ticked == {str(daily.pk), str(briefing.pk)}
    assert path in welcome.body  # the plain-text part links to the same page


def test_one_click_from_the_email_subscribes_without_a_confirmation(
    welcome, reader, daily, briefing
):
    path, ticked = offer_form(welcome)
    mail.outbox.clear()
    # A mail client posts the form: no cookie, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(path, {"newsletters": sorted(ticked)})
    assert response.status_code == 200
    assert "You're subscribed" in response.content.decode()
    assert statuses(reader) == {
        "weekly": ("subscribed", "admin"),
        "daily": ("subscribed", "welcome_email"),
        "briefing": ("subscribed", "welcome_email"),
    }
    assert mail.outbox == []  # no double opt-in: the token came to this address


def test_a_get_shows_the_button_and_changes_nothing(client, welcome, reader):
    path, _ = offer_form(welcome)
    html = client.get(path).content.decode()
    assert "Get our newsletters" in html
    assert '<button class="button" type="submit">Subscribe</button>' in html
    assert statuses(reader) == {"weekly": ("subscribed", "admin")}


def test_only_the_ticked_lists_of_the_token(welcome, reader, daily, sustainers_letter):
    path, _ = offer_form(welcome)
    Client().post(path, {"newsletters": [daily.pk, sustainers_letter.pk]})
    assert set(statuses(reader)) == {"weekly", "daily"}  # not another tier's list


def test_nothing_ticked_is_a_400_that_changes_nothing(welcome, reader):
    path, _ = offer_form(welcome)
    response = Client().post(path, {})
    assert response.status_code == 400
    assert "Choose at least one newsletter." in response.content.decode()
    assert statuses(reader) == {"weekly": ("subscribed", "admin")}


def test_a_member_who_lapsed_gets_no_members_only_list(
    welcome, reader, daily, briefing, fake_stripe, deliver
):
    path, ticked = offer_form(welcome)
    membership = reader.member.memberships.get()
    deliver(fake_stripe.cancel_now(membership.stripe_subscription_id))
    Client().post(path, {"newsletters": sorted(ticked)})
    assert set(statuses(reader)) == {"weekly", "daily"}


def bad_tokens(reader, daily) -> dict[str, str]:
    good = tokens.offer_token(reader.pk, reader.email, [daily.pk])
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 31 * 86400):
        expired = tokens.offer_token(reader.pk, reader.email, [daily.pk])
    return {
        "forged": "not-a-token",
        "tampered": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
        "other salt": tokens.manage_token(1),
        "expired": expired,
        "another address": tokens.offer_token(reader.pk, "someone@example.org", [daily.pk]),
        "no such account": tokens.offer_token(999999, reader.email, [daily.pk]),
    }


@pytest.mark.parametrize(
    "kind",
    ["forged", "tampered", "other salt", "expired", "another address", "no such account"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_token_shows_a_clear_page_and_changes_nothing(reader, daily, kind, method):
    token = bad_tokens(reader, daily)[kind]
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(f"/newsletters/welcome/{token}/", {"newsletters": daily.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This link doesn't work" in html
    assert "Nothing has changed" in html
    assert ("expired" in html) is (kind == "expired")
    assert not Subscription.objects.exists()
