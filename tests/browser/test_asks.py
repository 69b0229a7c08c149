"""The end-of-article ask in the browser: the articles-read rules pick the
variant from the count kept in localStorage (nothing sent to the server), the
count fills the copy, and the frequency switch works without JavaScript."""

import json
import re
import time

from tests.browser.conftest import ARTIFACTS, BROWSER_DB, PHONE

pytestmark = BROWSER_DB

ARTICLE = "/world/serevia-double-game/"
READ = "newsroom:articles-read"


def with_articles_read(context, ids: list[int], days_ago: float = 1) -> None:
    stamp = int((time.time() - days_ago * 86400) * 1000)
    value = json.dumps({str(i): stamp for i in ids})
    context.add_init_script(f"window.localStorage.setItem({READ!r}, {json.dumps(value)})")


def regular_id(page) -> str:
    """The demo's variant for 5+ articles (the one with that rule in the page)."""
    return page.locator('[data-appeal-placement="end"][data-appeal-min="5"]').get_attribute(
        "data-appeal-id"
    )


def shown_end_appeal(page):
    appeal = page.locator('[data-appeal-placement="end"]:visible')
    appeal.wait_for()
    return appeal


def test_a_regular_reader_gets_the_regular_readers_ask(context_factory, demo_site):
    context = context_factory(viewport=PHONE)
    with_articles_read(context, [9001, 9002, 9003, 9004, 9005, 9006])
    page = context.new_page()
    sent = []
    page.on("request", lambda r: sent.append(r.post_data or "") if r.method == "POST" else None)
    page.goto(demo_site(ARTICLE), wait_until="domcontentloaded")
    appeal = shown_end_appeal(page)
    assert appeal.get_attribute("data-appeal-id") == regular_id(page)
    # Six read before, and this one: seven in the last 30 days.
    assert "You've read 7 articles this month" in appeal.inner_text()
    # The article is noted in an idle moment after the page's parsing.
    page.wait_for_function(
        f"() => Object.keys(JSON.parse(window.localStorage.getItem({READ!r}))).length === 7"
    )
    assert not any("9001" in body or "articles" in body for body in sent)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    appeal.screenshot(path=ARTIFACTS / "asks-regular-phone.png")


def test_a_new_reader_gets_an_ask_for_any_reader(context_factory, demo_site):
    context = context_factory(viewport=PHONE)
    with_articles_read(context, [9001, 9002, 9003, 9004, 9005, 9006], days_ago=40)
    page = context.new_page()
    for _ in range(3):  # reloads of one article count once
        page.goto(demo_site(ARTICLE), wait_until="domcontentloaded")
        appeal = shown_end_appeal(page)
        assert appeal.get_attribute("data-appeal-id") != regular_id(page)
        assert appeal.get_attribute("data-appeal-min") is None
    # The 40-day-old reads are forgotten when the article is noted.
    page.wait_for_function(
        f"() => Object.keys(JSON.parse(window.localStorage.getItem({READ!r}))).length === 1"
    )


def test_without_javascript_the_default_shows_and_the_switch_works(context_factory, demo_site):
    context = context_factory(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site(ARTICLE), wait_until="domcontentloaded")
    appeals = page.locator('[data-appeal-placement="end"]:visible')
    assert appeals.count() == 1
    appeal = appeals.first
    assert appeal.get_attribute("data-appeal-min") is None
    monthly = appeal.get_by_role("link", name=re.compile(r"^\$\d+ \/ month$"))
    once = appeal.get_by_role("link", name=re.compile(r"^\$\d+ once$"))
    assert monthly.count() >= 1
    assert monthly.first.is_visible()
    assert not once.first.is_visible()
    appeal.get_by_label("Once").check()
    assert once.first.is_visible()
    assert not monthly.first.is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    appeal.screenshot(path=ARTIFACTS / "asks-no-js-once-phone.png")
    once.first.click()
    page.wait_for_url(re.compile(r"/membership/\?give="))
    assert page.locator("#gift-amount").input_value() == "25.00"


def test_remind_me_later_from_the_appeal(context_factory, demo_site):
    page = context_factory(viewport=PHONE).new_page()
    page.goto(demo_site(ARTICLE), wait_until="domcontentloaded")
    shown = shown_end_appeal(page)
    appeal_id, page_id = (
        shown.get_attribute("data-appeal-id"),
        shown.get_attribute("data-appeal-page"),
    )
    shown.get_by_role("link", name="Remind me later").click()
    assert page.locator('input[name="appeal"]').input_value() == appeal_id
    assert page.locator('input[name="article"]').input_value() == page_id
    page.get_by_label("Your email address").fill("remind-me@example.org")
    page.get_by_label(re.compile("one reminder next month")).check()
    page.get_by_role("button", name="Remind me next month").click()
    assert page.get_by_text("We'll send one reminder").is_visible()


def copy_a_context(context_factory, demo_site, country: str | None):
    """A reader whose rotation lands on the first variant (copy A, whose body
    says "in {country} and around the world"), with the country cookie the
    server sets from the CDN's header when ``country`` is given."""
    context = context_factory(viewport=PHONE)
    context.add_init_script("Math.random = function () { return 0; };")
    if country:
        context.add_cookies([{"name": "newsroom_geo", "value": country, "url": demo_site.url}])
    return context


def test_a_reader_in_germany_sees_euros_and_their_country(context_factory, demo_site):
    page = copy_a_context(context_factory, demo_site, "DE").new_page()
    page.goto(demo_site(ARTICLE), wait_until="domcontentloaded")  # deferred script has run
    appeal = shown_end_appeal(page)
    monthly = appeal.get_by_role("link", name=re.compile(r"^€\d+ \/ month$"))
    assert monthly.count() >= 1
    assert monthly.first.is_visible()
    assert "currency=eur" in monthly.first.get_attribute("href")
    assert appeal.get_by_role("link", name=re.compile(r"^\$\d+")).count() == 0
    assert "in Germany and around the world" in appeal.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    appeal.screenshot(path=ARTIFACTS / "asks-germany-phone.png")


def test_without_the_country_cookie_the_default_currency_shows(context_factory, demo_site):
    page = copy_a_context(context_factory, demo_site, None).new_page()
    page.goto(demo_site(ARTICLE), wait_until="domcontentloaded")
    appeal = shown_end_appeal(page)
    monthly = appeal.get_by_role("link", name=re.compile(r"^\$\d+ \/ month$"))
    assert monthly.count() >= 1
    assert "currency=usd" in monthly.first.get_attribute("href")
    assert appeal.get_by_role("link", name=re.compile(r"^€")).count() == 0
    assert "in your country and around the world" in appeal.inner_text()
