"""An editor turns a pasted wire story into a published article with
sections and a table of contents, counting the actions (issue 17 asks for at
most 10): open the import page, pick the byline, paste, choose the lead image
(2), write its alt text, preview the conversion, create and publish."""

import re

from tests.browser.conftest import BROWSER_DB
from tests.browser.test_editorial import sign_in_to_admin

pytestmark = BROWSER_DB

HEADLINE = "Harbour pilots end strike after night rota deal"
SECTIONS = [
    "How the dispute began",
    "What the port says",
    "What the pilots say",
    "The cost of six days",
    "What the deal changes",
    "What happens next",
]
QUOTES = [
    (
        "We will not pilot ships on four hours' sleep",
        "Tomas Brenner",
        "chair of the pilots' union",
    ),
    ("The harbour has to work at night", "Maria Hren", "the port's director"),
    ("Nobody wins a strike like this", "Ana Novak", "a freight agent"),
]


def wire_story_html() -> str:
    """About 900 words, six bold section headings, three attributed quotes,
    as a browser or Google Docs copies it."""
    paragraph = (
        "The pilots, who guide every ship through the narrow channel into Marisk, "
        "had refused night shifts since the port authority changed the rota without notice. "
    ) * 3
    parts = [
        f'<h1 style="font-family:Georgia">{HEADLINE}</h1>',
        f"<p>MARISK, 9 December - {paragraph}</p>",
    ]
    for n, heading in enumerate(SECTIONS):
        parts.append(f'<p><span style="font-weight:700">{heading}</span></p>')
        parts.append(f"<p>{paragraph}<a href='https://example.org/source-{n}'>the report</a>.</p>")
        parts.append(f"<p>{paragraph}</p>")
        if n < len(QUOTES):
            quote, who, role = QUOTES[n]
            parts.append(f"<p>“{quote},” said {who}, {role}.</p>")
    return '<b style="font-weight:normal" id="docs-internal-guid-1">' + "".join(parts) + "</b>"


PASTE = """([html, text]) => {
  const box = document.querySelector('[data-story-import-paste]');
  box.focus();
  const data = new DataTransfer();
  data.setData('text/html', html);
  data.setData('text/plain', text);
  box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true}));
  box.value = text;  // what the browser inserts on Ctrl+V
}"""


def test_pasted_story_to_published_article_in_at_most_ten_actions(context_factory, demo_site):
    page = context_factory().new_page()
    sign_in_to_admin(page, demo_site, "editor@example.org")
    actions = 0

    page.goto(demo_site(f"/admin/story-import/{demo_site.world_id}/"))
    actions += 1
    page.get_by_label("Byline").select_option(label="Ilona Varga")
    actions += 1
    html = wire_story_html()
    page.evaluate(PASTE, [html, "(pasted)"])
    actions += 1  # Ctrl+V
    page.get_by_role("button", name="Choose an image").click()
    actions += 1
    page.locator("[data-chooser-modal-choice]").first.click()
    actions += 1
    page.get_by_label("Lead image alt text").fill("Pilots walk along the quay at dawn")
    actions += 1
    page.get_by_role("button", name="Preview the conversion").click()
    actions += 1

    preview = page.locator("[data-story-import-preview] li")
    page.locator("#conversion-preview, .help-critical, .error-message").first.wait_for()
    assert preview.count(), page.locator("main").inner_text()[:1500]
    kinds = [preview.nth(i).get_attribute("data-block-type") for i in range(preview.count())]
    assert kinds.count("section_heading") == 6, kinds
    assert kinds.count("block_quote") == 3, kinds
    assert kinds.count("paragraph") == 13, kinds
    assert page.locator("#id_title").input_value() == HEADLINE  # the pasted h1

    page.get_by_role("button", name="Create and publish").click()
    actions += 1
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    assert page.get_by_text(f"“{HEADLINE}” is published.").count() == 1

    reader = context_factory().new_page()
    reader.goto(demo_site("/"))
    reader.get_by_role("link", name=HEADLINE).first.click()
    assert reader.get_by_role("heading", level=1).inner_text() == HEADLINE
    toc = reader.locator("nav.toc")
    assert [t.strip() for t in toc.locator("a").all_inner_texts()] == SECTIONS
    assert reader.locator(".lead-image img").get_attribute("alt") == (
        "Pilots walk along the quay at dawn"
    )
    assert reader.locator("blockquote").count() == 3
    assert reader.locator("a[href='https://example.org/source-0']").count() == 1
    print(f"actions from pasted story to published article: {actions}")
    assert actions <= 10
