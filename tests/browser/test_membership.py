"""A reader joins through the demo-payments checkout (the bundled fake Stripe,
its webhooks delivered to the live server), manages and cancels."""

import re

from django.core import mail

from tests.browser.conftest import BROWSER_DB

pytestmark = BROWSER_DB

CODE = re.compile(r"^\s*([A-Z0-9]{3,5}(?:-[A-Z0-9]{3,5})+)\s*$", re.MULTILINE)


def emailed_code(address: str) -> str:
    [message] = [m for m in mail.outbox if address in m.to][-1:]
    return CODE.search(message.body).group(1)


def join(page, demo_site, email: str) -> None:
    """From an article's "Support us" to a confirmed membership."""
    page.goto(demo_site("/membership/"))
    page.get_by_role("button", name=re.compile(r"^Join: \$10")).click()
    page.locator("main").get_by_label("Email").fill(email)
    page.get_by_role("button", name="Send me a code").click()
    page.wait_for_url(re.compile(r"/membership/join/code/"))
    page.get_by_label("Code").fill(emailed_code(email))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name=re.compile(r"^Continue to payment")).click()
    page.wait_for_url(re.compile(r"/membership/demo/cs_"))
    assert "no money moves" in page.locator("body").inner_text()
    page.get_by_role("button", name=re.compile(r"^Pay \$10")).click()
    page.wait_for_url(re.compile(r"/membership/thanks/"))
    assert page.get_by_text("Your membership is confirmed").is_visible()


def test_join_manage_and_cancel(page, demo_site):
    email = "new-member@example.org"
    join(page, demo_site, email)

    page.goto(demo_site("/account/membership/"))
    assert "Sustainer" in page.locator("main").inner_text()
    page.get_by_role("button", name="Manage billing").click()
    if "/accounts/reauthenticate/" in page.url or "reauthenticate" in page.url:
        mail.outbox.clear()
        page.get_by_role("button", name=re.compile("code", re.I)).first.click()
        page.get_by_label("Code").fill(emailed_code(email))
        page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/membership/demo/portal/"))
    page.get_by_role("button", name="Cancel at period end").click()
    page.goto(demo_site("/account/membership/"))
    assert re.search(r"Cancels on\s+\d{1,2} \w+ \d{4}", page.locator("main").inner_text())


def test_joining_replaces_the_article_appeal_with_the_thank_you(page, demo_site):
    article = demo_site("/world/serevia-double-game/")
    page.goto(article)
    # Several variants may be in the page; the script shows one of them.
    appeal = page.locator('[data-appeal-placement="end"]:visible')
    assert appeal.get_attribute("data-audience", timeout=2000) == "anonymous"

    join(page, demo_site, "appeal-reader@example.org")
    page.goto(article)
    assert appeal.get_attribute("data-audience") == "member"
    assert "thank" in appeal.inner_text().lower()


def test_continue_to_payment_is_on_a_phones_first_screen(
    context_factory, reader_cookies, demo_site
):
    """The confirm page's one action is visible without scrolling at 375 by 667 px."""
    context = context_factory(viewport={"width": 375, "height": 667})
    context.add_cookies(reader_cookies)
    page = context.new_page()
    page.goto(demo_site("/membership/join/?tier=sustainer&interval=month"))
    button = page.get_by_role("button", name=re.compile(r"^Continue to payment"))
    box = button.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 667, f"the button ends {box['y'] + box['height']} px down"
