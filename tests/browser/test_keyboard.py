"""Keyboard only: the skip link, the section menu, search and the join form
are reachable with Tab and usable with Enter, and focus is always visible."""

import re

import pytest

from tests.browser.conftest import BROWSER_DB

pytestmark = BROWSER_DB

FOCUS_STYLE = """() => new Promise(resolve => requestAnimationFrame(() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  resolve({
    tag: el.tagName, type: el.type || '', id: el.id,
    text: (el.innerText || el.value || el.name || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth,
  });
}))"""


def tab_to(page, predicate, limit=40) -> dict:
    """Press Tab until the focused element matches; every stop on the way must
    show a visible focus indicator on screen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        assert focused["outline"] or focused["shadow"], f"focus not visible on {focused}"
        assert focused["onScreen"], f"focused element off screen: {focused}"
        if predicate(focused):
            return focused
    raise AssertionError("never reached by Tab")


@pytest.fixture
def page(context_factory):
    """Reduced motion: focus moves without smooth scrolling, so where it
    lands can be checked at once."""
    return context_factory(reduced_motion="reduce").new_page()


def test_skip_link_menu_and_search_by_keyboard(page, demo_site):
    page.goto(demo_site("/"))
    first = tab_to(page, lambda f: True, limit=1)
    assert first["text"] == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url.endswith("#main")

    page.goto(demo_site("/"))
    tab_to(page, lambda f: f["tag"] == "INPUT")
    page.keyboard.type("Serevia")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Serevia"))
    assert page.locator(".search-results__title a").count() >= 1

    page.goto(demo_site("/"))
    tab_to(page, lambda f: f["tag"] == "A" and f["text"] == "World")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/world/$"))
    # Tabbing on through the page: every stop shows where focus is.
    tab_to(page, lambda f: f["text"] == "RSS", limit=200)


def test_join_form_by_keyboard(page, demo_site):
    page.goto(demo_site("/membership/"))
    tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"].startswith("Join: $10"), limit=80)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/membership/join/email/"))
    tab_to(page, lambda f: f["type"] == "email", limit=60)
    page.keyboard.type("keyboard-reader@example.org")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/membership/join/code/"))
    assert "keyboard-reader@example.org" in page.locator("main").inner_text()
    tab_to(page, lambda f: f["id"] == "id_code", limit=60)
