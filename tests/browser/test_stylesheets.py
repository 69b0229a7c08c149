"""Every stylesheet we serve parses without an error in the Nu checker's CSS
mode (the jar the page checks use). A browser drops what it cannot parse
without a word: a merge once left site.css with a comment that was never
opened, which swallowed the article's change-mark rule, and a stray closing
brace at its end."""

from pathlib import Path

from tests.browser.checkers import nu_messages

CSS = Path(__file__).resolve().parents[2] / "static" / "css"


def test_every_stylesheet_parses_without_errors():
    sheets = sorted(str(path) for path in CSS.glob("*.css"))
    assert len(sheets) >= 2  # site.css and live.css at least
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in nu_messages(sheets, css=True)
    ]
    assert errors == []
