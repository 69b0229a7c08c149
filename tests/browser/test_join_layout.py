"""The join page: on a 375 by 667 px phone every tier's price is on the first
screen; on a desktop the tiers stand side by side; the monthly/yearly switch
works without JavaScript."""

from tests.browser.conftest import ARTIFACTS, BROWSER_DB, DESKTOP

pytestmark = BROWSER_DB

SMALL_PHONE = {"width": 375, "height": 667}


def test_every_tiers_price_is_on_a_phones_first_screen(context_factory, demo_site):
    page = context_factory(viewport=SMALL_PHONE).new_page()
    page.goto(demo_site("/membership/"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "join-phone.png")
    prices = page.locator(".tier-price")
    assert prices.count() >= 2
    for index in range(prices.count()):
        box = prices.nth(index).bounding_box()
        assert box is not None
        assert box["y"] + box["height"] <= SMALL_PHONE["height"], (index, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]


def test_tiers_stand_side_by_side_on_a_desktop(context_factory, demo_site):
    page = context_factory(viewport=DESKTOP).new_page()
    page.goto(demo_site("/membership/"))
    page.screenshot(path=ARTIFACTS / "join-desktop.png", full_page=True)
    boxes = [page.locator(".tier").nth(i).bounding_box() for i in range(2)]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 1
    assert boxes[0]["x"] + boxes[0]["width"] <= boxes[1]["x"]


def test_the_yearly_switch_works_without_javascript(context_factory, demo_site):
    page = context_factory(viewport=SMALL_PHONE, java_script_enabled=False).new_page()
    page.goto(demo_site("/membership/"))
    page.get_by_role("link", name="Yearly").click()
    page.wait_for_url("**interval=year**")
    assert "/ year" in page.locator(".tier-price").first.inner_text()
    assert page.get_by_role("link", name="Yearly").get_attribute("aria-current") == "true"
