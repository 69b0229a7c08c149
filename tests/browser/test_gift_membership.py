"""A guest gives a membership through the demo checkout; the recipient claims
it from the emailed link with their email alone; a second claim is refused.
Every page on the way: axe-core (phone and desktop) and valid HTML, with a
screenshot of each at phone width."""

import json
import re

from django.core import mail

from tests.browser.checkers import axe_violations, nu_messages
from tests.browser.conftest import ARTIFACTS, AXE_JS, BROWSER_DB, DESKTOP, PHONE, VNU_JAR, need

pytestmark = BROWSER_DB

CODE = re.compile(r"^\s*([A-Z0-9]{3,5}(?:-[A-Z0-9]{3,5})+)\s*$", re.MULTILINE)
CLAIM = re.compile(r"https?://\S+(/membership/gift/claim/[\w-]+/)")


def last_to(address: str):
    return [m for m in mail.outbox if address in m.to][-1]


def check(page, name: str, found: dict, files: list) -> None:
    """axe on the page as shown; its HTML kept for the Nu checker; a screenshot."""
    found[name] = axe_violations(page)
    file = ARTIFACTS / f"gift-{name}.html"
    file.write_text(page.content())
    files.append(str(file))
    page.screenshot(path=str(ARTIFACTS / f"gift-{name}.png"), full_page=True)


def test_give_claim_once_and_every_page_is_accessible(context_factory, demo_site):
    need(AXE_JS)
    need(VNU_JAR)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found: dict = {}
    files: list = []
    buyer = context_factory(viewport=PHONE).new_page()

    buyer.goto(demo_site("/membership/gift/"))
    check(buyer, "form", found, files)
    buyer.get_by_role("button", name="Continue to payment").click()  # nothing chosen
    assert buyer.get_by_text("Choose a membership.").is_visible()
    check(buyer, "form-errors", found, files)

    buyer.get_by_label(re.compile(r"^Sustainer")).check()
    buyer.get_by_label("3 months").check()
    buyer.get_by_label("Their email address").fill("friend@example.org")
    buyer.get_by_label("Your message (optional)").fill("For the long winter evenings.")
    buyer.get_by_role("button", name="Continue to payment").click()
    buyer.wait_for_url(re.compile(r"/membership/demo/cs_"))
    buyer.locator("main").get_by_label("Email").fill("giver@example.org")
    buyer.get_by_role("button", name=re.compile(r"^Pay \$30")).click()
    buyer.wait_for_url(re.compile(r"/membership/gift/thanks/"))
    assert buyer.get_by_text("We've emailed friend@example.org").is_visible()
    check(buyer, "thanks", found, files)

    link = CLAIM.search(last_to("friend@example.org").body).group(1)
    friend = context_factory(viewport=PHONE).new_page()
    friend.goto(demo_site(link))
    assert friend.get_by_text("For the long winter evenings.").is_visible()
    check(friend, "claim-email", found, files)
    friend.get_by_role("button", name="Send me a code").click()
    friend.wait_for_url(re.compile(r"/membership/join/code/"))
    friend.get_by_label("Code").fill(CODE.search(last_to("friend@example.org").body).group(1))
    friend.get_by_role("button", name="Continue").click()
    friend.wait_for_url(re.compile(link))
    check(friend, "claim", found, files)
    friend.get_by_role("button", name="Claim my membership").click()
    friend.wait_for_url(re.compile(r"/account/membership/"))
    assert "Sustainer" in friend.locator("main").inner_text()

    again = context_factory(viewport=DESKTOP).new_page()
    response = again.goto(demo_site(link))
    assert response.status == 410
    check(again, "gone", found, files)

    assert found == {name: [] for name in found}, json.dumps(found, indent=1)
    assert nu_messages(files) == []
