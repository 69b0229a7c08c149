"""The ask in the reader's currency, naming their country, on pages that are
one stored copy for every anonymous reader: the country travels in a small
cookie set outside the page cache; the page carries every currency's
amounts and the country table, and the appeals script picks (see
tests/browser/test_asks.py for the script)."""

import json
import re
from html import unescape

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from membership.appeals.selection import live_appeals
from membership.currency.choice import COUNTRY_CURRENCY, GEO_COOKIE, GEO_COOKIE_AGE
from membership.models import TierPrice
from tests.membership.appeals.test_query_counts import LIVE_APPEALS_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_prices(tiers):
    for slug, eur, gbp in (("supporter", 500, 400), ("sustainer", 1000, 900)):
        for currency, monthly in (("eur", eur), ("gbp", gbp)):
            TierPrice.objects.create(
                tier=tiers[slug],
                currency=currency,
                monthly_amount=monthly,
                yearly_amount=monthly * 10,
            )
    return tiers


def preset_links(html: str) -> list[str]:
    return re.findall(r"<a [^>]*data-preset[^>]*>", html)


# The middleware: the cookie, set only when the CDN names another country.


def test_a_country_header_sets_the_country_cookie(client, article):
    response = client.get(article.url, HTTP_CF_IPCOUNTRY="DE")
    morsel = response.cookies[GEO_COOKIE]
    assert morsel.value == "DE"
    assert morsel["max-age"] == GEO_COOKIE_AGE == 30 * 24 * 3600
    assert morsel["samesite"] == "Lax"
    assert not morsel["httponly"]  # the appeals script reads it
    # The response that sets it is not for a shared cache.
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_no_cookie_without_a_country_or_when_it_already_says_so(client, article):
    assert GEO_COOKIE not in client.get(article.url).cookies
    assert GEO_COOKIE not in client.get(article.url, HTTP_CF_IPCOUNTRY="XX").cookies
    client.cookies[GEO_COOKIE] = "DE"
    same = client.get(article.url, HTTP_CF_IPCOUNTRY="DE")
    assert GEO_COOKIE not in same.cookies
    assert "public" in same["Cache-Control"]
    moved = client.get(article.url, HTTP_CF_IPCOUNTRY="FR")
    assert moved.cookies[GEO_COOKIE].value == "FR"


def test_the_stored_page_has_no_cookie_and_is_one_copy(client, article, local_prices, make_appeal):
    make_appeal()
    german = client.get(article.url, HTTP_CF_IPCOUNTRY="DE")
    assert german["X-Page-Cache"] == "miss"
    assert german.cookies[GEO_COOKIE].value == "DE"
    client.cookies.clear()
    # A French reader is served the copy stored for the German one, with their own cookie.
    french = client.get(article.url, HTTP_CF_IPCOUNTRY="FR")
    assert french["X-Page-Cache"] == "hit"
    assert french.cookies[GEO_COOKIE].value == "FR"
    client.cookies.clear()
    # Without a country: the same stored copy, no Set-Cookie, shareable.
    plain = client.get(article.url)
    assert plain["X-Page-Cache"] == "hit"
    assert not plain.cookies
    assert not plain.has_header("Set-Cookie")
    assert "public" in plain["Cache-Control"]
    assert re.search(r"data-appeal-cta>\$10 / month</a>", plain.content.decode())


# The markup: every enabled currency's amounts, the country table, the token.


def test_each_preset_carries_every_currency_it_has_a_price_in(
    client, article, local_prices, make_appeal
):
    appeal = make_appeal()
    html = client.get(article.url).content.decode()
    links = preset_links(html)
    sustainer = next(link for link in links if "tier=sustainer" in link)
    assert 'data-price-usd="$10 / month"' in sustainer
    assert 'data-price-eur="€10 / month"' in sustainer
    assert 'data-price-gbp="£9 / month"' in sustainer
    euro_href = re.search(r'data-href-eur="([^"]+)"', sustainer).group(1)
    assert unescape(euro_href) == (
        f"/membership/join/?tier=sustainer&interval=month&currency=eur"
        f"&appeal={appeal.pk}&article={article.pk}"
    )
    once = next(link for link in links if "give=60.00" in link)
    assert 'data-price-eur="€60 once"' in once
    assert unescape(re.search(r'data-href-gbp="([^"]+)"', once).group(1)).startswith(
        "/membership/?give=60.00&currency=gbp&appeal="
    )
    # Without JavaScript the default currency shows, and its link charges it.
    assert re.search(r'href="[^"]*currency=usd[^"]*"[^>]*>\$10 / month</a>', html)


def test_a_tier_without_a_local_price_carries_only_its_currencies(
    client, article, tiers, make_appeal
):
    make_appeal(goal=100)
    links = preset_links(client.get(article.url).content.decode())
    assert links
    assert all("data-price-usd=" in link and "data-price-eur" not in link for link in links)


def test_the_script_carries_the_country_table_for_the_enabled_currencies(
    client, article, tiers, make_appeal
):
    make_appeal()
    html = client.get(article.url).content.decode()
    script = re.search(r'<script src="[^"]*appeals[^"]*"[^>]*>', html).group(0)
    table = json.loads(unescape(re.search(r'data-currencies="([^"]+)"', script).group(1)))
    assert set(table) == {"eur", "gbp"}  # not the default; nothing not enabled
    assert "DE" in table["eur"].split()
    assert "GB" in table["gbp"].split()
    expected = {c for c, currency in COUNTRY_CURRENCY.items() if currency == "eur"}
    assert set(table["eur"].split()) == expected


def test_the_country_token_reads_your_country_until_the_script_names_it(
    client, article, tiers, make_appeal
):
    make_appeal(
        heading="Readers in {country} keep us going",
        body="<p>Join the readers in {country}.</p>",
    )
    html = client.get(article.url, HTTP_CF_IPCOUNTRY="DE").content.decode()
    span = '<span class="appeal__country" data-country>your country</span>'
    assert f"Readers in {span} keep us going" in html
    assert f"Join the readers in {span}." in html
    assert "{country}" not in html
    assert "Germany" not in html  # the server never writes the country into the page


def test_local_prices_cost_the_live_appeals_no_query(local_prices, make_appeal):
    make_appeal()
    make_appeal(interval="year")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        appeals = live_appeals()
    assert len(queries) == LIVE_APPEALS_QUERIES
    yearly = next(a for a in appeals if a.presets[0].frequency == "year")
    labels = {code: label for code, label, _ in yearly.presets[0].prices}
    assert labels == {"usd": "$50 / year", "eur": "€50 / year", "gbp": "£40 / year"}


def test_saving_a_local_price_drops_the_cached_asks(client, article, local_prices, make_appeal):
    make_appeal()
    assert 'data-price-eur="€10 / month"' in client.get(article.url).content.decode()
    price = TierPrice.objects.get(currency="eur", tier__slug="sustainer")
    price.monthly_amount = 1200
    price.save()
    assert 'data-price-eur="€12 / month"' in client.get(article.url).content.decode()
