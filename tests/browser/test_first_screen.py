"""The phone-first header and the first screen (issue 16), at 375x667 and
1280x800, light and dark, with the demo-payments notice and the readers'-drive
banner both showing (the demo site has both):

- the home page's first headline and the article's headline are wholly inside
  the first viewport (before this header, on a phone both started below it);
- on a phone the header is one row (logo, "Support", the menu), and the
  search box and the sections wait in the menu;
- the menu is a <details>: it opens by click with and without JavaScript, and
  by keyboard (Tab to it, Enter opens and closes it, Tab goes on into it);
- with the menu open: no axe violation.
"""

import pytest

from tests.browser.checkers import axe_violations
from tests.browser.conftest import ARTIFACTS, AXE_JS, BROWSER_DB, need

pytestmark = BROWSER_DB

FIRST_SCREENS = {"phone": {"width": 375, "height": 667}, "desktop": {"width": 1280, "height": 800}}
ARTICLE = "/world/serevia-double-game/"
# The first story's headline on the home page, the article's own headline.
HEADLINES = {"home": ("/", "main .card__title"), "article": (ARTICLE, ".article__headline")}


def open_page(context_factory, width: str, url: str, **options):
    page = context_factory(viewport=FIRST_SCREENS[width], **options).new_page()
    assert page.goto(url).status == 200, url
    return page


def box(page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found, f"{selector} is not shown"
    return found


def same_row(first: dict, second: dict) -> bool:
    return (
        first["y"] < second["y"] + second["height"] and second["y"] < first["y"] + first["height"]
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("name", ["home", "article"])
def test_headline_is_on_the_first_screen(context_factory, demo_site, name, width, scheme):
    path, selector = HEADLINES[name]
    page = open_page(context_factory, width, demo_site(path), color_scheme=scheme)
    page.wait_for_load_state("load")
    assert page.locator(".demo-banner").is_visible()
    assert page.locator(".appeal--banner:not([hidden])").first.is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"first-screen-{name}-{width}-{scheme}.png")
    headline = box(page, selector)
    assert headline["y"] >= 0
    assert headline["y"] + headline["height"] <= FIRST_SCREENS[width]["height"], headline


@pytest.mark.parametrize("signed_in", [False, True])
def test_phone_header_is_one_row(context_factory, reader_cookies, demo_site, signed_in):
    context = context_factory(viewport=FIRST_SCREENS["phone"])
    if signed_in:
        context.add_cookies(reader_cookies)
    page = context.new_page()
    page.goto(demo_site("/"))
    logo, support, menu = (
        box(page, s) for s in (".site-name", ".support-link", ".site-menu > summary")
    )
    assert same_row(logo, support), (logo, support)
    assert same_row(logo, menu), (logo, menu)
    assert logo["x"] + logo["width"] <= support["x"]
    assert support["x"] + support["width"] <= menu["x"]
    assert box(page, ".site-header")["height"] <= 64
    for hidden in (".site-search", ".main-menu", ".account-link"):
        assert not page.locator(hidden).is_visible(), hidden


@pytest.mark.parametrize("javascript", [True, False])
def test_phone_menu_opens_by_click(context_factory, demo_site, javascript):
    page = open_page(context_factory, "phone", demo_site("/"), java_script_enabled=javascript)
    page.locator(".site-menu > summary").click()
    panel = box(page, ".site-menu__panel")
    header = box(page, ".site-header")
    assert abs(panel["y"] - (header["y"] + header["height"])) < 2  # right under the header row
    for shown in ("#site-search-q", ".main-menu a >> text=World", ".account-link a"):
        assert page.locator(shown).is_visible(), shown
    page.locator("#site-search-q").fill("Serevia")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Serevia")
    page.locator(".site-menu > summary").click()
    page.locator(".main-menu a >> text=World").click()
    page.wait_for_url("**/world/")


@pytest.mark.parametrize("javascript", [True, False])
def test_phone_menu_by_keyboard(context_factory, demo_site, javascript):
    page = open_page(
        context_factory,
        "phone",
        demo_site("/"),
        java_script_enabled=javascript,
        reduced_motion="reduce",
    )
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    else:
        raise AssertionError("Tab never reached the menu")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"
    assert page.evaluate("document.activeElement.parentElement.open") is False
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('.site-menu').open") is True
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert page.evaluate("document.querySelector('.site-menu').open") is False
    assert not page.locator("#site-search-q").is_visible()


def test_desktop_has_no_menu_button(context_factory, demo_site):
    page = open_page(context_factory, "desktop", demo_site("/"))
    assert not page.locator(".site-menu > summary").is_visible()
    for shown in ("#site-search-q", ".main-menu a >> text=World", ".account-link a"):
        assert page.locator(shown).is_visible(), shown
    logo, sections = box(page, ".site-name"), box(page, ".main-menu")
    assert sections["y"] >= logo["y"] + logo["height"]  # the sections: a row of their own


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_menu_has_no_axe_violations(context_factory, demo_site, scheme):
    need(AXE_JS)
    page = open_page(context_factory, "phone", demo_site(ARTICLE), color_scheme=scheme)
    page.locator(".site-menu > summary").click()
    assert axe_violations(page) == []
