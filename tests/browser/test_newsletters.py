"""Newsletters in the browser, JavaScript on and off: sign up from an
article's footer form, confirm from the emailed link (a page with a button),
manage the lists from the link every email carries; axe-core and the Nu Html
Checker clean on the new pages."""

import json
import re

from django.core import mail

import pytest

from membership.models import User
from membership.newsletters import tokens
from membership.newsletters.models import Newsletter, Subscription
from tests.browser.checkers import axe_violations, nu_messages
from tests.browser.conftest import (
    ARTIFACTS,
    AXE_JS,
    BROWSER_DB,
    VNU_JAR,
    need,
    outside_the_event_loop,
)

pytestmark = BROWSER_DB

ARTICLE = "/world/serevia-double-game/"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_sign_up_from_an_article_confirm_and_manage(context_factory, demo_site, javascript):
    need(AXE_JS)
    email = f"browser-{'js' if javascript else 'nojs'}@example.org"
    page = context_factory(java_script_enabled=javascript).new_page()
    page.goto(demo_site(ARTICLE))
    page.locator("#footer-newsletter-email").fill(email)
    page.locator(".newsletter-compact").get_by_role("button", name="Sign up").click()
    page.wait_for_url(re.compile(r"/newsletters/subscribe/"))
    assert page.get_by_label("Your email address").input_value() == email
    page.get_by_label("The Daily Brief").check()
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url(re.compile(r"/newsletters/subscribe/thanks/"))
    assert page.get_by_role("heading", name="Check your inbox").is_visible()

    [message] = [m for m in mail.outbox if m.to == [email]]
    confirm = re.search(r"https?://\S+/newsletters/confirm/\S+/", message.body).group(0)
    page.goto(confirm)
    assert page.get_by_role("heading", name="Confirm your subscription").is_visible()
    if javascript:
        assert axe_violations(page) == []
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_role("heading", name="You're subscribed").is_visible()

    page.get_by_role("link", name="Manage your newsletters").click()
    page.wait_for_url(re.compile(r"/newsletters/manage/"))
    daily = page.get_by_label("The Daily Brief")
    assert daily.is_checked()
    if javascript:
        assert axe_violations(page) == []
    daily.uncheck()
    page.get_by_label("The Editor's Letter").check()
    page.get_by_role("button", name="Save my choices").click()
    assert page.get_by_text("Your newsletter choices are saved.").is_visible()
    assert not page.get_by_label("The Daily Brief").is_checked()
    assert page.get_by_label("The Editor's Letter").is_checked()


def test_newsletter_pages_pass_axe_and_the_nu_checker(context_factory, demo_site):
    need(AXE_JS)
    need(VNU_JAR)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "newsletters": "/newsletters/",
        "newsletter": "/newsletters/daily/",
        "newsletter-members": "/newsletters/members-briefing/",
        "newsletter-subscribe": "/newsletters/subscribe/?email=a%40example.org",
        "newsletter-bad-link": "/newsletters/confirm/forged/",
    }
    found, files = {}, []
    for scheme in ("light", "dark"):
        page = context_factory(color_scheme=scheme).new_page()
        for name, path in pages.items():
            response = page.goto(demo_site(path))
            assert response.status == (400 if name == "newsletter-bad-link" else 200), name
            found[f"{name} ({scheme})"] = axe_violations(page)
            if scheme == "light":
                file = ARTIFACTS / f"{name}.html"
                file.write_bytes(response.body())
                files.append(str(file))
    assert all(v == [] for v in found.values()), json.dumps(found, indent=1)
    messages = nu_messages(files)
    assert [f"{m.get('url')}: {m['message']}" for m in messages] == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_subscribe_from_the_welcome_emails_offer(context_factory, demo_site, javascript):
    """The page the welcome email's form and link open: the member's lists
    ticked, one button; axe and the Nu checker clean."""
    need(AXE_JS)
    email = f"welcome-{'js' if javascript else 'nojs'}@example.org"

    def offer_token() -> str:
        member = User.objects.create_user(email)
        return tokens.offer_token(member.pk, email, [n.pk for n in Newsletter.objects.public()])

    token = outside_the_event_loop(offer_token)
    page = context_factory(java_script_enabled=javascript).new_page()
    response = page.goto(demo_site(f"/newsletters/welcome/{token}/"))
    assert response.status == 200
    assert page.get_by_role("heading", name="Get our newsletters").is_visible()
    assert page.get_by_label("The Daily Brief").is_checked()
    if javascript:
        assert axe_violations(page) == []
        need(VNU_JAR)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        file = ARTIFACTS / "newsletter-welcome.html"
        file.write_bytes(response.body())
        assert [m["message"] for m in nu_messages([str(file)])] == []
    page.get_by_label("The Editor's Letter").uncheck()
    page.get_by_role("button", name="Subscribe").click()
    assert page.get_by_role("heading", name="You're subscribed").is_visible()
    if javascript:
        assert axe_violations(page) == []
    subscribed = Subscription.objects.filter(subscriber__email=email, status="subscribed")
    names = outside_the_event_loop(
        lambda: set(subscribed.values_list("newsletter__name", flat=True))
    )
    assert "The Daily Brief" in names
    assert "The Editor's Letter" not in names
