"""The README's screenshots, retaken on demand by ``make screenshots`` and by
nothing else: this module's name is not ``test_*`` (the test suite never
collects it), and it writes only when ``make screenshots`` sets
``NEWSROOM_SCREENSHOTS=1`` (run by hand without it, every case skips), so a
test run leaves the tracked images in docs/screenshots/ alone
(tests/test_screenshots_guard.py holds both). It uses the browser tests' demo site."""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import BROWSER_DB, DESKTOP, PHONE

SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"
WRITE = os.environ.get("NEWSROOM_SCREENSHOTS") == "1"

pytestmark = [
    BROWSER_DB,
    pytest.mark.skipif(not WRITE, reason="only `make screenshots` writes docs/screenshots/"),
]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ARTICLE = "/world/serevia-double-game/"

# file name → (path, viewport): what a reader sees first, at 375 and 1280 px.
SHOTS = {
    "home-phone": ("/", PHONE),
    "home-desktop": ("/", DESKTOP),
    "section-phone": ("/world/", PHONE),
    "section-desktop": ("/world/", DESKTOP),
    "article-phone": (ARTICLE, PHONE),
    "article-desktop": (ARTICLE, DESKTOP),
    "join": ("/membership/", DESKTOP),
    "search": ("/search/?q=serevia", DESKTOP),
    "search-no-results": ("/search/?q=spaceport", PHONE),
}


@pytest.mark.parametrize("name", SHOTS)
def test_save_screenshot(context_factory, demo_site, name):
    path, viewport = SHOTS[name]
    page = context_factory(viewport=viewport).new_page()
    response = page.goto(demo_site(path), wait_until="networkidle")
    assert response.status == 200
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    target.write_bytes(page.screenshot())
    assert target.read_bytes().startswith(PNG_SIGNATURE)
