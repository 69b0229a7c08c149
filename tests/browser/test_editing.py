"""The editor's admin in Chromium (articles/editing/, static/js/editor.js):
the schedule dialog at 1280 px and on a phone, the slug made from a long
headline as it is typed, a new author from the byline chooser, and a
correction published in one step from the edit screen."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, BROWSER_DB, DESKTOP, PHONE
from tests.browser.test_editorial import sign_in_to_admin, start_article

pytestmark = BROWSER_DB

LONG_TITLE = (
    "Harbour pilots in Marisk stop work at dawn over a new night rota that nobody agreed to"
)
CAPPED = "harbour-pilots-in-marisk-stop-work-at-dawn-over-a-new-night"
RETITLED = "Ferry crews in Marisk join the harbour pilots' strike over the night rota changes"
RECAPPED = "ferry-crews-in-marisk-join-the-harbour-pilots-strike-over"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "phone"])
def test_schedule_dialog_says_the_time_zone_and_its_pickers_cover_nothing(
    context_factory, demo_site, viewport
):
    page = context_factory(viewport=viewport).new_page()
    sign_in_to_admin(page, demo_site, "editor@example.org")
    start_article(page, demo_site, demo_site.world_id)
    page.locator("[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.locator("#schedule-publishing-dialog")
    expect(dialog.get_by_text("In the newsroom's time zone: UTC").first).to_be_visible()

    dialog.locator("#id_go_live_at").click()
    picker = dialog.locator(".xdsoft_datetimepicker").first
    expect(picker).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"schedule-dialog-{viewport['width']}px.png")
    # A trial click fails when another element (the open picker) would take it.
    dialog.locator("#id_expire_at").click(trial=True, timeout=3000)
    dialog.get_by_role("button", name="Save schedule").click(trial=True, timeout=3000)
    expect(picker).to_be_visible()


def test_slug_follows_the_headline_capped_at_a_word(page, demo_site):
    sign_in_to_admin(page, demo_site, "editor@example.org")
    start_article(page, demo_site, demo_site.world_id)
    title, slug = page.locator("#id_title"), page.locator("#id_slug")
    title.click()
    title.press_sequentially(LONG_TITLE)
    page.locator("#id_standfirst").click()
    expect(slug).to_have_value(CAPPED)
    # Back in the headline, the capped slug still follows it.
    title.click()
    title.fill(RETITLED)
    page.locator("#id_standfirst").click()
    expect(slug).to_have_value(RECAPPED)
    title.click()
    title.fill("Short one")
    page.locator("#id_standfirst").click()
    expect(slug).to_have_value("short-one")


def test_new_author_from_the_byline_chooser(page, demo_site):
    sign_in_to_admin(page, demo_site, "editor@example.org")
    start_article(page, demo_site, demo_site.world_id)
    bylines = page.locator("#panel-child-content-bylines-section")
    bylines.get_by_role("button", name="Choose author").first.click()
    modal = page.locator(".modal-content")
    modal.get_by_role("tab", name="New author").click()
    modal.locator("input[name='name']").fill("Mira Castell")
    modal.locator("input[name='role']").fill("Contributing writer")
    modal.get_by_role("button", name="Add this author").click()
    expect(modal).to_be_hidden()
    expect(bylines).to_contain_text("Mira Castell")
    # Saved: the byline holds the new author's id.
    assert page.locator("#id_bylines-0-author").input_value().isdigit()


def test_correction_in_one_step_from_the_edit_screen(page, demo_site):
    sign_in_to_admin(page, demo_site, "editor@example.org")
    page.goto(demo_site(f"/admin/pages/{demo_site.world_id}/"))
    live_path = "/world/coastal-union-loan-package/"
    row = page.locator("tr", has=page.locator(f"a[href='{live_path}']"))
    row.locator("a[title='Edit this page']").click()
    # The header's page actions (choosers on the form have "Actions" menus too).
    actions = page.get_by_role("navigation", name="Actions", exact=True)
    actions.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Add a correction").click()
    page.locator("textarea[name='text']").fill(
        "An earlier version of this article gave the loan as $1.8 billion."
    )
    page.get_by_role("button", name="Publish the correction").click()
    expect(page.get_by_text("The correction is published")).to_be_visible()
    assert "/edit/" in page.url
    page.goto(demo_site(live_path))
    expect(page.get_by_text("gave the loan as $1.8 billion")).to_be_visible()
    expect(page.get_by_role("link", name="Corrected")).to_be_visible()
