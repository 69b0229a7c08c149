"""The README's screenshots, retaken on demand: ``make screenshots`` runs this
module (its name is not ``test_*``, so the test suite never collects it and a
test run leaves docs/screenshots/ alone). It uses the browser tests' demo site."""

import pytest

from tests.browser.conftest import BROWSER_DB, DESKTOP, PHONE, SCREENSHOTS

pytestmark = BROWSER_DB

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# file name → (path, viewport)
SHOTS = {
    "home": ("/", DESKTOP),
    "join": ("/membership/", DESKTOP),
    "article-phone": ("/world/serevia-double-game/", PHONE),
    "article-desktop": ("/world/serevia-double-game/", DESKTOP),
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
