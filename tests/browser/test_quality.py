"""Every reader page, in the browser: no axe-core violations (light and dark,
phone and desktop), valid HTML (Nu Html Checker), and the article page within
its weight and speed budget. (The README's screenshots: `make screenshots`,
tests/browser/screenshots.py.)"""

import gzip
import json

import pytest

from tests.browser.checkers import axe_violations, nu_messages
from tests.browser.conftest import (
    ARTIFACTS,
    AXE_JS,
    BROWSER_DB,
    DESKTOP,
    PHONE,
    VNU_JAR,
    need,
)

pytestmark = BROWSER_DB

ARTICLE = "/world/serevia-double-game/"
PAGES = {
    "home": "/",
    "section": "/world/",
    "article": ARTICLE,
    "author": "/authors/ilona-varga/",
    "tag": "/tags/diplomacy/",
    "search": "/search/?q=Serevia",
    "search-newest": "/search/?q=Serevia&sort=newest",
    "search-no-results": "/search/?q=spaceport",
    "join": "/membership/",
    "join-yearly": "/membership/?interval=year",
    "remind": "/membership/remind/",
    "sign-in": "/accounts/login/",
    "account": "/account/",
    "account-membership": "/account/membership/",
}
SIGNED_IN = {"account", "account-membership"}
BUDGET_BYTES = 60 * 1024  # HTML + CSS + JS of one article page, compressed


def open_page(context_factory, reader_cookies, name: str, **options):
    context = context_factory(**options)
    if name in SIGNED_IN:
        context.add_cookies(reader_cookies)
    return context.new_page()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_no_axe_violations(context_factory, reader_cookies, demo_site, scheme, width):
    need(AXE_JS)
    viewport = PHONE if width == "phone" else DESKTOP
    found = {}
    for signed_in in (False, True):
        context = context_factory(viewport=viewport, color_scheme=scheme)
        if signed_in:
            context.add_cookies(reader_cookies)
        page = context.new_page()
        for name, path in PAGES.items():
            if (name in SIGNED_IN) != signed_in:
                continue
            response = page.goto(demo_site(path))
            assert response.status == 200, (name, response.status)
            found[name] = axe_violations(page)
    assert found == {name: [] for name in PAGES}, json.dumps(found, indent=1)


def test_pages_are_valid_html(context_factory, reader_cookies, demo_site):
    """The HTML as served (not the browser's DOM), all pages in one Java run."""
    need(VNU_JAR)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    files = []
    for name, path in PAGES.items():
        page = open_page(context_factory, reader_cookies, name)
        response = page.goto(demo_site(path))
        assert response.status == 200
        file = ARTIFACTS / f"{name}.html"
        file.write_bytes(response.body())
        files.append(str(file))
    messages = nu_messages(files)
    errors = {}
    for message in messages:
        name = message.get("url", "").rsplit("/", 1)[-1].removesuffix(".html")
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    assert errors == {}, json.dumps(errors, indent=1)


METRICS = """() => new Promise(resolve => {
  let cls = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) cls += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  let lcp = null;
  new PerformanceObserver(list => {
    const entries = list.getEntries();
    lcp = entries[entries.length - 1];
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve({
    cls,
    lcp: lcp && lcp.element ? {
      tag: lcp.element.tagName,
      headline: lcp.element.matches('h1'),
      lead: !!lcp.element.closest('.lead-image'),
    } : null,
    unsized: [...document.images]
      .filter(i => !i.getAttribute('width') || !i.getAttribute('height'))
      .map(i => i.currentSrc || i.src),
  }), 500);
})"""


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_article_weight_and_speed(context_factory, demo_site, width):
    """HTML: the served document gzipped at level 6, as the reverse proxy
    (deploy/Caddyfile, `encode zstd gzip`) sends it. CSS and JS: the bytes on
    the wire, precompressed by whitenoise after collectstatic with the
    production storage."""
    page = context_factory(viewport=PHONE if width == "phone" else DESKTOP).new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    response = page.goto(demo_site(ARTICLE), wait_until="networkidle")
    metrics = page.evaluate(METRICS)

    third_party = [r.url for r in requests if not r.url.startswith(demo_site.url + "/")]
    assert third_party == []

    weights = {}
    for request in requests:
        kind = request.resource_type
        if kind == "document":
            weights[request.url] = len(gzip.compress(response.body(), compresslevel=6))
        elif kind in ("stylesheet", "script"):
            sizes = request.sizes()
            headers = request.response().headers
            assert headers.get("content-encoding") in ("gzip", "br"), request.url
            weights[request.url] = sizes["responseBodySize"]
    total = sum(weights.values())
    print(f"\narticle page ({width}): {total} bytes compressed HTML+CSS+JS: {weights}")
    assert total <= BUDGET_BYTES, weights

    assert metrics["cls"] == 0
    assert metrics["unsized"] == []
    assert metrics["lcp"], metrics
    assert metrics["lcp"]["headline"] or metrics["lcp"]["lead"], metrics
