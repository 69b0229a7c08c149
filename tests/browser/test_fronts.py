"""The fronts in the browser, at 375 and 1280 px: the home page with its
breaking-news strip switched on and its section blocks in every layout, and
two section fronts (one all opinion pieces, labelled). No axe-core violations, valid HTML
(Nu Html Checker), the lead story first on the screen; screenshots of each go
to the artifacts folder."""

import json

from django.db import connection

import pytest

from articles.models import HomePage
from tests.browser.checkers import axe_violations, nu_messages
from tests.browser.conftest import ARTIFACTS, BROWSER_DB, DESKTOP, PHONE, outside_the_event_loop

pytestmark = BROWSER_DB

PAGES = {"home": "/", "section": "/world/", "opinion": "/opinion/"}
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture
def breaking_news(demo_site):
    """The demo's home page with the strip on (as an editor publishes it), then
    off; gives the number of its section blocks."""

    def publish(on: bool) -> None:
        home = HomePage.objects.get()
        home.breaking_on = on
        home.breaking_text = "Ceasefire talks resume in Lessa" if on else ""
        home.breaking_link = "/world/" if on else ""
        home.save_revision().publish()
        connection.close()

    outside_the_event_loop(lambda: publish(True))
    yield outside_the_event_loop(lambda: len(HomePage.objects.get().front_sections))
    outside_the_event_loop(lambda: publish(False))


@pytest.mark.parametrize("width", WIDTHS)
def test_fronts_have_no_axe_violations_and_lead_first(
    context_factory, demo_site, breaking_news, width
):
    page = context_factory(viewport=WIDTHS[width]).new_page()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for name, path in PAGES.items():
        response = page.goto(demo_site(path))
        assert response.status == 200, (name, response.status)
        found[name] = axe_violations(page)
        page.screenshot(path=str(ARTIFACTS / f"front-{name}-{width}.png"), full_page=True)
    assert found == {name: [] for name in PAGES}, json.dumps(found, indent=1)

    page.goto(demo_site("/"))
    strip = page.locator(".breaking").bounding_box()
    lead = page.locator(".front-lead .card__title").bounding_box()
    latest = page.locator(".latest").bounding_box()
    assert strip["y"] < lead["y"]
    assert page.locator(".front-section").count() == breaking_news
    if width == "desktop":  # the Latest rail beside the lead
        assert latest["x"] > lead["x"] + lead["width"]
        assert latest["y"] < lead["y"] + lead["height"]
    else:  # one column: the lead, the secondary stories, then the rail
        assert latest["y"] > lead["y"] + lead["height"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_fronts_are_valid_html(context_factory, demo_site, breaking_news):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = context_factory().new_page()
    files = []
    for name, path in PAGES.items():
        response = page.goto(demo_site(path))
        assert response.status == 200
        file = ARTIFACTS / f"front-{name}.html"
        file.write_bytes(response.body())
        files.append(str(file))
    assert 'class="breaking"' in (ARTIFACTS / "front-home.html").read_text()
    errors = [f"{m.get('url')}: {m['message']}" for m in nu_messages(files)]
    assert errors == [], json.dumps(errors, indent=1)
