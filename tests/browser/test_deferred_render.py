"""Blocks below the first screen (``.defer-render``: the home's section
blocks, a section front's rows, "Related", the footer) are skipped by the
first layout (content-visibility) and rendered as the reader nears them,
at 360 px and 1280 px:

- on the first screen's load the last of them is not rendered, and once
  scrolled to it is, links and all;
- the size a block holds before it is rendered is at least the size it takes
  once rendered, so no block's links spill over the next one's in the layout
  that tools read (Lighthouse's tap-target audit flagged exactly that);
- a link at a block's edge shows its whole focus ring (the paint
  containment would cut it without the clip margin).
"""

import io
import re

import pytest
from PIL import Image

from tests.browser.conftest import BROWSER_DB

pytestmark = BROWSER_DB

PAGES = {
    "home": "/",
    "section": "/world/",
    "article": "/world/serevia-double-game/",
}
WIDTHS = {"phone": {"width": 360, "height": 640}, "desktop": {"width": 1280, "height": 800}}

HELD_AND_REAL = """() => [...document.querySelectorAll('.defer-render')].map(block => {
    const held = block.getBoundingClientRect().height;
    block.style.contentVisibility = 'visible';
    const real = block.getBoundingClientRect().height;
    block.style.contentVisibility = '';
    return [block.tagName + '.' + block.className, held, real];
})"""


def open_page(context_factory, demo_site, width: str, path: str):
    page = context_factory(viewport=WIDTHS[width]).new_page()
    assert page.goto(demo_site(path)).status == 200
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_the_last_block_renders_when_the_reader_nears_it(context_factory, demo_site, width):
    page = open_page(context_factory, demo_site, width, "/")
    rendered = """() => document.querySelector('.site-footer a')
        .checkVisibility({contentVisibilityAuto: true})"""
    assert page.locator(".site-footer.defer-render").count() == 1
    assert page.evaluate(rendered) is False
    page.locator(".site-footer").scroll_into_view_if_needed()
    page.wait_for_function(rendered)
    assert page.locator(".site-footer a").first.is_visible()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_a_block_holds_at_least_its_real_size(context_factory, demo_site, width, name):
    page = open_page(context_factory, demo_site, width, PAGES[name])
    blocks = page.evaluate(HELD_AND_REAL)
    assert blocks, "the page has blocks below the first screen"
    # The ones the first screen rendered hold their real size; the others an estimate.
    short = [(block, held, real) for block, held, real in blocks if held < real - 0.5]
    assert short == [], short


def test_a_focused_link_at_a_blocks_edge_shows_its_ring(context_factory, demo_site):
    page = open_page(context_factory, demo_site, "phone", "/")
    link = page.locator(".front-section.defer-render .front-section__title a").last
    link.scroll_into_view_if_needed()
    page.wait_for_timeout(100)  # rendered as it came near
    link.focus()
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')")
    ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineColor")
    edge = page.evaluate(
        "() => document.activeElement.closest('.defer-render').getBoundingClientRect().left"
    )
    box = link.bounding_box()
    # The ring's left side lies 2 to 5 px left of the link, outside the block.
    assert box["x"] - edge < 2, (box, edge)
    shot = Image.open(
        io.BytesIO(
            page.screenshot(
                clip={"x": box["x"] - 4, "y": box["y"], "width": 2, "height": box["height"]}
            )
        )
    ).convert("RGB")
    colour = tuple(int(part) for part in re.findall(r"\d+", ring)[:3])
    assert colour in {found for _, found in shot.getcolors()}, (colour, ring)
