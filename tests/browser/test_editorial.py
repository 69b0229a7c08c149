"""A reporter drafts an article in the Wagtail admin and submits it to the
"Editorial review" workflow; an editor approves and publishes it; readers see
it on the home page and in the feed."""

import re
import urllib.request

import feedparser
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_DB, STAFF_PASSWORD

pytestmark = BROWSER_DB

TITLE = "Harbour pilots strike over the new night rota"


def sign_in_to_admin(page, demo_site, email: str) -> None:
    page.goto(demo_site("/admin/"))
    page.locator("main").get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    assert re.search(r"/admin/$", page.url), (page.url, page.locator("main").inner_text()[:500])


def start_article(page, demo_site, section_id: int) -> None:
    """Open the new-article form in a section ("Add child page", then "Article"
    when the section also takes live pages)."""
    page.goto(demo_site(f"/admin/pages/{section_id}/add_subpage/"))
    if "/add_subpage/" in page.url:
        page.get_by_role("link", name="Article", exact=True).click()
    assert "/admin/pages/add/articles/articlepage/" in page.url, (
        page.url,
        page.locator("main").inner_text()[:500],
    )


def choose_author(page, name: str) -> None:
    """Pick the first byline's author in the snippet chooser (searching by name)."""
    bylines = page.locator("#panel-child-content-bylines-section")
    bylines.get_by_role("button", name="Choose author").first.click()
    modal = page.locator(".modal-content")
    modal.locator("input[name='q']").fill(name)
    modal.get_by_role("link", name=name, exact=True).click()
    expect(bylines).to_contain_text(name)


def wait_for_body_text(page, text: str) -> None:
    """Wait until the body's rich-text editor has written ``text`` into its
    hidden form field (it does so a moment after it loses focus): submitting
    earlier saves an empty paragraph."""
    page.wait_for_function(
        """text => [...document.querySelectorAll("input[name^='body-'][name$='-value']")]
            .some(input => input.value.includes(text))""",
        arg=text,
    )


def test_reporter_submits_editor_publishes(context_factory, demo_site, settings):
    # The workflow is under test here, not Wagtail's autosave: with it on, the
    # submit had to wait for the first autosave to create the page (or the page
    # was created twice), and under CI load that autosave sometimes never came.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    reporter = context_factory().new_page()
    sign_in_to_admin(reporter, demo_site, "reporter@example.org")
    section_id = demo_site.world_id
    start_article(reporter, demo_site, section_id)
    reporter.locator("#id_title").fill(TITLE)
    reporter.locator("#id_standfirst").fill("Pilots in Marisk stop work after a rota change.")
    choose_author(reporter, "Ilona Varga")
    body = reporter.locator("#panel-child-content-body-section")
    body.get_by_role("button", name=re.compile("Insert a block", re.I)).first.click()
    reporter.get_by_role("option", name="Paragraph").click()
    editor_box = body.locator("[contenteditable=true]").first
    editor_box.click()
    editor_box.press_sequentially("The harbour pilots walked out at dawn.")
    assert "walked out at dawn" in editor_box.inner_text()
    # Leave the editor so it writes its value to the form.
    reporter.locator("#id_standfirst").click()
    wait_for_body_text(reporter, "walked out at dawn")
    reporter.get_by_role("button", name="More actions").click()
    reporter.get_by_role("button", name="Submit to Editorial review").click()
    expect(reporter.locator(".messages")).to_contain_text(
        f"Page '{TITLE}' created and submitted for moderation."
    )
    # Submitted, not published: readers don't see it yet.
    reporter.goto(demo_site("/"))
    assert reporter.get_by_role("link", name=TITLE).count() == 0

    editor = context_factory().new_page()
    sign_in_to_admin(editor, demo_site, "editor@example.org")
    editor.get_by_role("link", name=TITLE).first.click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Approve and Publish").click()
    editor.wait_for_load_state("networkidle")
    outcome = editor.locator("body").inner_text()[:800]
    # Wagtail's message said "has been updated"; the page was published.
    expect(editor.get_by_text(f"Page '{TITLE}' has been approved and published.")).to_be_visible()

    editor.goto(demo_site("/"))
    assert editor.get_by_role("link", name=TITLE).count() >= 1, outcome
    editor.get_by_role("link", name=TITLE).first.click()
    assert editor.get_by_role("heading", level=1).inner_text() == TITLE
    with urllib.request.urlopen(demo_site("/feed/"), timeout=10) as response:  # noqa: S310
        feed = feedparser.parse(response.read())
    assert feed.entries[0].title == TITLE
