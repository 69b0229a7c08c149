"""The two sides of a live page in the browser tests: a reader with the demo
live page open (the page's clock under the test's control, so a poll comes
when the test says) and a reporter posting from the posting screen on a
phone."""

import re
import time

from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.browser.test_editorial import sign_in_to_admin

LIVE = "/world/valdoria-war-latest/"
POLL_WAIT_MS = 25_000  # past the 20 s poll interval (the reader's clock is fast-forwarded)


def open_reader(context_factory, demo_site, scroll_to_entry: int | None, anchoring=True):
    reader = context_factory(viewport=DESKTOP).new_page()
    reader.clock.install()
    reader.goto(demo_site(LIVE))
    reader.wait_for_load_state("networkidle")
    if not anchoring:
        # As in a browser without scroll anchoring (CSSOM: the CSP allows it).
        reader.evaluate(
            "document.documentElement.style.overflowAnchor = 'none';"
            "document.body.style.overflowAnchor = 'none'"
        )
    reader.clock.run_for(POLL_WAIT_MS)  # the first poll: nothing new yet
    reader.wait_for_timeout(300)
    if scroll_to_entry is not None:
        reader.evaluate(
            # Instant: the site scrolls smoothly, in real time, not on the page's clock.
            "n => document.querySelectorAll('[data-entry-id]')[n]"
            ".scrollIntoView({behavior: 'instant'})",
            scroll_to_entry,
        )
    # The clock is the page's: its frames (and so its layout) move only when it runs.
    reader.clock.run_for(1000)
    return reader


def post_from_phone(
    context_factory, demo_site, page_id: str, text: str, key_event: str = ""
) -> None:
    """Post ``text`` from the posting screen on a phone; with ``key_event``,
    as a key event with that title."""
    reporter = context_factory(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in_to_admin(reporter, demo_site, "reporter@example.org")
    reporter.goto(demo_site(f"/admin/live/{page_id}/"))
    box = reporter.get_by_label("Update")
    assert box.is_visible()
    box_width = box.bounding_box()["width"]
    assert box_width > 300, box_width  # the whole phone's width, give or take the margins
    assert reporter.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box.fill(text)
    if key_event:
        reporter.get_by_text("Title, key event, authors").click()
        reporter.get_by_label("Title (optional)").fill(key_event)
        reporter.get_by_label("Key event", exact=True).check()
    reporter.get_by_role("button", name="Post", exact=True).click()
    reporter.get_by_text(re.compile(r"Posted at \d\d:\d\d")).wait_for()
    reporter.screenshot(path=str(ARTIFACTS / "live-admin-375.png"))


def entry_tops(reader) -> dict:
    return reader.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('[data-entry-id]')]
             .map(e => [e.dataset.entryId, e.getBoundingClientRect().top]))"""
    )


def key_event_links(reader) -> list[tuple[str, str, str]]:
    """The open page's key-events list: (entry id, text, link) newest first."""
    return reader.locator("[data-live-key-events] a").evaluate_all(
        "els => els.map(a => [a.dataset.keyEvent, a.textContent, a.getAttribute('href')])"
    )


def settled_top(page, locator, within_s: float = 10.0) -> float:
    """The element's top in the viewport once the page stops scrolling. The
    site scrolls smoothly, and the browser runs that animation in real time,
    not on the page's installed clock: wait (in real time, running the
    page's clock too) until two readings 100 ms apart agree."""
    top, deadline = None, time.monotonic() + within_s
    while time.monotonic() < deadline:
        page.clock.run_for(100)
        page.wait_for_timeout(100)
        now = locator.evaluate("e => e.getBoundingClientRect().top")
        if now == top:
            return now
        top = now
    raise AssertionError(f"still scrolling after {within_s} s (top {top})")
