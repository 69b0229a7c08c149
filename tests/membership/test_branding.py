"""Everything sent to readers carries the site's name, as editors set it:
subject, body and the sender's display name (never the code's default)."""

from django.core import mail

from wagtail.models import Site

import pytest

from articles.models import SiteSettings
from membership import billing
from tests.membership.accounts.conftest import make_reader
from tests.membership.conftest import session_id_from

pytestmark = pytest.mark.django_db

NAME = "The Meridian Ledger"
SENDER = f"{NAME} <newsroom@localhost>"


@pytest.fixture
def named_site(home, settings):
    settings.DEFAULT_FROM_EMAIL = "Newsroom <newsroom@localhost>"
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.site_name = NAME
    site_settings.save()
    return site_settings


def assert_branded(message) -> None:
    assert message.from_email == SENDER
    assert message.subject.endswith(f"· {NAME}") or message.subject.startswith(f"[{NAME}]")
    html = message.alternatives[0][0]
    for text in (message.subject, message.body, html):
        assert "Newsroom" not in text
    assert NAME in message.body
    assert NAME in html


def test_membership_emails_carry_the_sites_name(named_site, reader, subscribe):
    mail.outbox.clear()
    subscribe(reader)
    [welcome] = mail.outbox
    assert welcome.subject == f"Welcome, and thank you for becoming a member · {NAME}"
    assert_branded(welcome)


def test_a_guests_gift_thanks_and_checkout_name_the_site(named_site, fake_stripe, deliver):
    url = billing.start_gift_checkout(None, 2500, {"source_page_id": None, "appeal": ""})
    session = fake_stripe.requests[-1]["params"]
    assert session["line_items"][0]["price_data"]["product_data"]["name"] == (
        f"One-time gift to {NAME}"
    )
    mail.outbox.clear()
    deliver(fake_stripe.complete_checkout(session_id_from(url)))
    [thanks] = mail.outbox
    assert_branded(thanks)


def test_sign_in_codes_come_from_the_site_too(
    named_site, client, django_capture_on_commit_callbacks
):
    make_reader("ana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/login/code/", {"email": "ana@example.org"})
    [code] = mail.outbox
    assert_branded(code)
