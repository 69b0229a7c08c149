"""A live page in the browser: a reporter posts from a phone; a reader who
has the page open sees "1 new update", clicks it, and the entry appears
without what they were reading moving (with the browser's scroll anchoring
and without it, as in browsers that lack it: then only the script keeps the
place); a key event posted joins the open page's key-events list, whose
link jumps to it; edits and deletions of entries the reader has reach the
open page at the next poll, without moving it either; a page that ends
stops polling; the page and its poll fragment are clean for axe-core and
the Nu Html Checker, and complete without JavaScript."""

import json
import re

from django.db import connection

import pytest

from articles.live.models import LiveBlogPage, LiveEntry
from tests.browser.checkers import axe_violations, nu_messages
from tests.browser.conftest import ARTIFACTS, AXE_JS, BROWSER_DB, DESKTOP, PHONE, VNU_JAR, need
from tests.browser.live_pages import (
    LIVE,
    POLL_WAIT_MS,
    entry_tops,
    key_event_links,
    open_reader,
    post_from_phone,
    settled_top,
)
from tests.browser.test_staff_invitation import in_another_thread

pytestmark = BROWSER_DB


@pytest.mark.parametrize(
    "reading", ["at-the-top", "further-down", "further-down-without-scroll-anchoring"]
)
def test_reporter_posts_from_a_phone_and_an_open_page_shows_it(
    context_factory, demo_site, reading
):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    reader = open_reader(
        context_factory,
        demo_site,
        None if reading == "at-the-top" else 3,
        anchoring="without-scroll-anchoring" not in reading,
    )
    page_id = reader.locator("[data-live-page]").get_attribute("data-live-page")
    before_ids = set(entry_tops(reader))
    scroll_before = reader.evaluate("window.scrollY")
    reading_id = reader.locator("[data-entry-id]").nth(3).get_attribute("data-entry-id")
    reading_top = entry_tops(reader)[reading_id]

    text = f"Explosions reported near the river port ({reading})."
    post_from_phone(context_factory, demo_site, page_id, text)

    button = reader.locator(".live__new-button")
    reader.clock.run_for(POLL_WAIT_MS)
    button.wait_for(state="visible")
    assert button.inner_text() == "1 new update"
    # The notice moves nothing.
    assert abs(entry_tops(reader)[reading_id] - reading_top) <= 1
    assert reader.evaluate("window.scrollY") == scroll_before
    button.click()
    reader.clock.run_for(1000)
    new_entry = reader.locator("[data-entry-id]").first
    assert text in new_entry.inner_text()
    assert new_entry.get_attribute("data-entry-id") not in before_ids
    assert button.is_hidden()
    if reading == "at-the-top":
        assert reader.evaluate("window.scrollY") == scroll_before == 0
    else:
        # What the reader was reading stays where it was on the screen.
        assert abs(entry_tops(reader)[reading_id] - reading_top) <= 1


@pytest.mark.parametrize("follow", ["after-the-button", "before-the-button"])
def test_a_key_event_posted_joins_the_open_pages_key_events_and_its_link_jumps_to_it(
    context_factory, demo_site, follow
):
    reader = open_reader(context_factory, demo_site, None)
    page_id = reader.locator("[data-live-page]").get_attribute("data-live-page")
    before = key_event_links(reader)
    assert len(before) >= 2  # the demo's two
    title = f"Ceasefire signed in Lessa ({follow})"
    post_from_phone(
        context_factory, demo_site, page_id, "Both sides signed at noon.", key_event=title
    )

    button = reader.locator(".live__new-button")
    reader.clock.run_for(POLL_WAIT_MS)
    button.wait_for(state="visible")
    assert button.inner_text() == "1 new update"
    if follow == "after-the-button":
        button.click()
        reader.clock.run_for(1000)
    new_id = reader.evaluate(
        "() => document.querySelector('[data-live-key-events] a').dataset.keyEvent"
    )
    now = key_event_links(reader)
    assert now[1:] == before  # the others as they were, with their links
    assert now[0][1].endswith(title)
    # Its entry not yet on screen, the link is its share link until the click.
    share_link = f"{LIVE}entry/{new_id}/"
    assert now[0][2] == (f"#entry-{new_id}" if follow == "after-the-button" else share_link)

    reader.locator("[data-live-key-events] a", has_text=title).click()
    entry = reader.locator(f"#entry-{new_id}")
    entry.wait_for()
    top = settled_top(reader, entry)
    assert reader.url.endswith(f"{LIVE}#entry-{new_id}")  # no new page: a jump
    assert reader.evaluate("window.scrollY") > 0
    assert 0 <= top < 100, top  # at the top of the screen, under the sticky header's margin
    assert "Both sides signed at noon." in entry.inner_text()
    assert button.is_hidden()
    assert axe_violations(reader) == []


def edit_and_delete(edits: dict[int, str], deleted: int) -> None:
    """As a desk editor would in the shell: plain ORM saves and a delete."""
    for pk, text in edits.items():
        entry = LiveEntry.objects.get(pk=pk)
        # Four paragraphs: the entry grows, which would push what follows down.
        entry.body = [("paragraph", f"<p>{text}</p>")] * 4
        entry.save()
    LiveEntry.objects.get(pk=deleted).delete()
    connection.close()


def test_edits_and_deletions_reach_an_open_page_without_moving_it(context_factory, demo_site):
    reader = open_reader(context_factory, demo_site, 4)
    reader.evaluate("window.stillTheSamePage = true")
    shown = reader.locator("[data-entry-id]")
    ids = [int(n) for n in shown.evaluate_all("els => els.map(e => e.dataset.entryId)")]
    reading_id = str(ids[4])
    reading_top = entry_tops(reader)[reading_id]
    # Above what the reader reads: one edited (among the fragment's newest
    # entries), one deleted; below it: an older one edited (the fragment's
    # list of edits brings it).
    edits = {ids[1]: "Edited above: the convoy was smaller.", ids[15]: "Edited further down."}
    in_another_thread(lambda: edit_and_delete(edits, deleted=ids[2]))

    reader.clock.run_for(POLL_WAIT_MS)
    reader.locator(f'[data-entry-id="{ids[2]}"]').wait_for(state="detached")
    for pk, text in edits.items():
        assert text in reader.locator(f'[data-entry-id="{pk}"]').inner_text()
    reader.clock.run_for(1000)
    assert abs(entry_tops(reader)[reading_id] - reading_top) <= 1
    assert reader.evaluate("window.stillTheSamePage") is True  # no reload
    assert reader.locator(".live__new-button").is_hidden()  # nothing new, only changes


def set_status(status: str) -> None:
    page = LiveBlogPage.objects.get(slug="valdoria-war-latest")
    page.status = status
    page.save_revision().publish()
    connection.close()


def test_a_page_that_ends_stops_polling(context_factory, demo_site):
    reader = open_reader(context_factory, demo_site, None)
    polls = []

    def count(request):
        if "/updates/" in request.url:
            polls.append(request.url)

    reader.on("request", count)
    root = reader.locator("[data-live-poll]")
    try:
        in_another_thread(lambda: set_status("ended"))
        reader.clock.run_for(POLL_WAIT_MS)
        for _ in range(50):  # the poll's response, parsed (the CSP allows no eval)
            if root.get_attribute("data-live-status") == "ended":
                break
            reader.wait_for_timeout(100)
        assert root.get_attribute("data-live-status") == "ended"
        made = len(polls)
        assert made >= 1
        for _ in range(3):
            reader.clock.run_for(10 * POLL_WAIT_MS)
            reader.wait_for_timeout(200)
        assert len(polls) == made  # no poll after the one that said "ended"
    finally:
        in_another_thread(lambda: set_status("live"))


def test_ended_page_or_javascript_off_does_not_poll_and_works(context_factory, demo_site):
    context = context_factory(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site(LIVE))
    assert page.locator("[data-entry-id]").count() == 20
    page.get_by_role("link", name="Older updates").click()
    assert "?page=2" in page.url
    assert page.locator("[data-entry-id]").count() >= 20
    # The demo's older key event is not on page 1: its link (the share
    # link) opens the page it is on at the entry.
    page.goto(demo_site(LIVE))
    page.locator("[data-live-key-events] a", has_text="Power restored in the north").click()
    assert re.search(r"\?page=[23]#entry-\d+$", page.url), page.url
    entry = page.locator(f"#{page.url.rsplit('#', 1)[1]}")
    assert "Power restored in the north" in entry.inner_text()
    top = None
    for _ in range(30):  # the browser scrolls to the anchor once the page is laid out
        top = entry.evaluate("e => e.getBoundingClientRect().top")
        if 0 <= top < 100:
            break
        page.wait_for_timeout(100)
    assert 0 <= top < 100, top


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_live_page_has_no_axe_violations(context_factory, demo_site, scheme, width):
    need(AXE_JS)
    context = context_factory(viewport=PHONE if width == "phone" else DESKTOP, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in (LIVE, f"{LIVE}?page=2", "/"):
        assert page.goto(demo_site(path)).status == 200
        found[path] = axe_violations(page)
    assert found == {path: [] for path in found}, json.dumps(found, indent=1)


def test_live_page_and_its_fragment_are_valid_html(context_factory, demo_site):
    need(VNU_JAR)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = context_factory().new_page()
    files = []
    for name, path in {"live": LIVE, "live-page-2": f"{LIVE}?page=2"}.items():
        response = page.goto(demo_site(path))
        file = ARTIFACTS / f"{name}.html"
        file.write_bytes(response.body())
        files.append(str(file))
    # The fragment, as the script puts its parts in the page: in a document.
    fragment = page.request.get(demo_site(f"{LIVE}updates/")).text()
    assert "data-live-key-events" in fragment
    file = ARTIFACTS / "live-updates.html"
    file.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Updates</title>'
        f"</head><body>{fragment}</body></html>"
    )
    files.append(str(file))
    messages = nu_messages(files)
    assert messages == [], json.dumps(messages, indent=1)
