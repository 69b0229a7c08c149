"""The header and the readers'-drive banner hold their lines, at 375 px and
1280 px, signed in or not; no page asks for an icon that is missing.

Each test failed before its fix: at 1280 px "Your account" wrapped under the
logo; at 375 px the search box (now in the menu) sat 8 px right of the logo's edge; the banner's
"Dismiss" dropped to a row of its own at 1280 px; at 375 px the banner's
heading was cut to "Our…"; ``/favicon.ico`` was a 404; at 1280 px the
logo took its width only once its file arrived, so the tagline beside it
jumped from one line to two (a layout shift CI caught on a loaded machine).
Screenshots of each case go to the artifacts folder, to look at.
"""

import pytest

from tests.browser.conftest import ARTIFACTS, BROWSER_DB, DESKTOP, PHONE

pytestmark = BROWSER_DB

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def open_home(context_factory, reader_cookies, demo_site, width: str, signed_in: bool):
    context = context_factory(viewport=VIEWPORTS[width])
    if signed_in:
        context.add_cookies(reader_cookies)
    page = context.new_page()
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    assert page.goto(demo_site("/")).status == 200
    page.wait_for_load_state("load")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"header-{width}-{'member' if signed_in else 'reader'}.png")
    return page, missing


def box(page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found, f"{selector} is not shown"
    return found


def middle(found: dict) -> float:
    return found["y"] + found["height"] / 2


@pytest.mark.parametrize("signed_in", [False, True])
def test_desktop_header_is_one_row(context_factory, reader_cookies, demo_site, signed_in):
    page, _ = open_home(context_factory, reader_cookies, demo_site, "desktop", signed_in)
    logo = box(page, ".site-name")
    for selector in (".site-tagline", ".site-search", ".support-link", ".account-link a"):
        item = box(page, selector)
        assert item["y"] < logo["y"] + logo["height"], (selector, item, logo)
        assert item["y"] + item["height"] > logo["y"], (selector, item, logo)


def test_phone_search_box_lines_up_with_the_logo(context_factory, reader_cookies, demo_site):
    page, _ = open_home(context_factory, reader_cookies, demo_site, "phone", False)
    page.locator(".site-menu > summary").click()  # on a phone the search box is in the menu
    logo, search = box(page, ".site-name"), box(page, ".site-search")
    inner = page.evaluate(
        """() => { const e = document.querySelector('.site-header__inner');
        const r = e.getBoundingClientRect();
        return r.right - parseFloat(getComputedStyle(e).paddingRight); }"""
    )
    assert abs(search["x"] - logo["x"]) < 1
    assert abs(search["x"] + search["width"] - inner) < 1


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_logo_takes_its_place_before_its_file_arrives(context_factory, demo_site, width):
    """The masthead is laid out from the logo's width and height attributes:
    held back, the logo's file changes no box in the header when it comes."""
    page = context_factory(viewport=VIEWPORTS[width]).new_page()
    held = []
    page.route("**/media/**", lambda route: held.append(route))
    page.goto(demo_site("/"), wait_until="domcontentloaded")
    assert page.locator(".site-logo").count() == 1, "the demo newsroom has a logo"
    measure = """() => [...document.querySelectorAll(
        '.site-logo, .site-name, .site-tagline, .support-link')]
        .map(e => { const r = e.getBoundingClientRect();
                    return [e.className, r.x, r.y, r.width, r.height]; })"""
    before = page.evaluate(measure)
    assert not page.evaluate("document.querySelector('.site-logo').complete")
    for route in held:
        route.continue_()
    page.route("**/media/**", lambda route: route.continue_())
    page.wait_for_function("() => document.querySelector('.site-logo').naturalWidth > 0")
    assert page.evaluate(measure) == before


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_banner_dismiss_stays_beside_the_call_to_action(
    context_factory, reader_cookies, demo_site, width
):
    page, _ = open_home(context_factory, reader_cookies, demo_site, width, False)
    cta, dismiss = box(page, ".appeal--banner .appeal__cta"), box(page, ".appeal__dismiss")
    banner = box(page, ".appeal--banner")
    assert abs(middle(cta) - middle(dismiss)) < 2, (cta, dismiss)
    assert dismiss["x"] + dismiss["width"] <= banner["x"] + banner["width"]


@pytest.mark.parametrize("javascript", [True, False])
def test_phone_banner_heading_reads_as_a_sentence(context_factory, demo_site, javascript):
    """At 375 px the banner's heading is shown whole, on at most two lines,
    on the row of its call to action (and of "Dismiss", shown by the
    script): cut to one line with an ellipsis it read "Our…"."""
    context = context_factory(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    assert page.goto(demo_site("/")).status == 200
    page.wait_for_load_state("load")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"banner-phone-{'js' if javascript else 'nojs'}.png")
    banner = ".appeal--banner:not([hidden])"
    heading = page.locator(f"{banner} .appeal__heading").first
    assert heading.is_visible()
    shown = heading.evaluate(
        """e => { const s = getComputedStyle(e); const r = document.createRange();
        r.selectNodeContents(e);
        let lines = 0, last = -1e9;
        for (const top of [...r.getClientRects()].map(q => q.top).sort((a, b) => a - b)) {
            if (top - last > 4) { lines += 1; last = top; }
        }
        return {clipped: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
                ellipsis: s.textOverflow === 'ellipsis' && s.overflowX !== 'visible',
                lines,
                text: e.innerText.trim()}; }"""
    )
    assert not shown["clipped"], shown
    assert not shown["ellipsis"], shown
    assert shown["text"] == "Our readers' drive is on.", shown  # the demo banner's heading
    assert shown["lines"] <= 2, shown
    text, cta = box(page, f"{banner} .appeal__heading"), box(page, f"{banner} .appeal__cta")
    assert text["x"] + text["width"] <= cta["x"], (text, cta)  # beside it, not above
    assert abs(middle(text) - middle(cta)) < 12, (text, cta)
    if javascript:
        dismiss = box(page, f"{banner} .appeal__dismiss")
        assert abs(middle(cta) - middle(dismiss)) < 2, (cta, dismiss)
        row = box(page, banner)
        assert dismiss["x"] + dismiss["width"] <= row["x"] + row["width"]


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_no_request_of_a_page_is_missing(context_factory, reader_cookies, demo_site, width):
    page, missing = open_home(context_factory, reader_cookies, demo_site, width, True)
    icon = page.request.get(demo_site("/favicon.ico"))
    assert icon.status == 200
    # The demo's site icon (an SVG rendition), or the default ICO.
    assert icon.headers["content-type"].startswith("image/")
    page.wait_for_timeout(200)
    assert missing == []
