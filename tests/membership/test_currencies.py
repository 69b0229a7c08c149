"""Local currencies: a price per tier in every enabled currency (one Stripe
Price with ``currency_options``), chosen from the CDN's country header, cached
per currency group, with per-currency floors."""

import itertools

from django.core.management import call_command
from django.test import Client

import pytest

from membership import billing, stripe_gateway
from membership.models import Currency, Membership, TierPrice
from tests.membership.conftest import session_id_from

pytestmark = pytest.mark.django_db

JOIN = "/membership/"
CONFIRM = "/membership/join/"
LOCAL = {
    "supporter": {"eur": (500, 5000), "gbp": (400, 4000)},
    "sustainer": {"eur": (1000, 10000), "gbp": (900, 9000)},
}


def sync() -> None:
    call_command("stripe_sync_tiers", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def world_tiers(tiers):
    """The demo tiers priced in USD, EUR and GBP (rounded local amounts)."""
    for slug, prices in LOCAL.items():
        for currency, (monthly, yearly) in prices.items():
            TierPrice.objects.create(
                tier=tiers[slug], currency=currency, monthly_amount=monthly, yearly_amount=yearly
            )
    sync()
    return tiers


def amount_in(tiers, slug: str, currency: str, interval: str) -> int:
    if currency == "usd":
        return tiers[slug].amount(interval)
    return LOCAL[slug][currency][0 if interval == "month" else 1]


def test_every_enabled_currency_creates_prices_the_fake_checkout_accepts(
    world_tiers, reader, fake_stripe, deliver, settings
):
    prices = [p for p in fake_stripe.objects("price") if p["active"]]
    assert len(prices) == 4  # one Price per tier and interval, every currency on it
    combos = itertools.product(settings.MEMBERSHIP_CURRENCIES, LOCAL, ("month", "year"))
    for currency, slug, interval in combos:
        url = billing.start_membership_checkout(
            reader, world_tiers[slug], interval, None, {}, currency
        )
        session = fake_stripe.get("checkout.session", session_id_from(url))
        assert session["currency"] == currency
        assert session["amount_total"] == amount_in(world_tiers, slug, currency, interval)
    # Paying in euros: the membership mirrors the euro amount, not the USD default.
    url = billing.start_membership_checkout(
        reader, world_tiers["sustainer"], "month", None, {}, "eur"
    )
    deliver(fake_stripe.complete_checkout(session_id_from(url)))
    membership = Membership.objects.get(member__user=reader)
    assert (membership.currency, membership.amount) == ("eur", 1000)
    assert membership.price_label() == "€10 / month"
    invoice = fake_stripe.objects("invoice")[-1]
    assert (invoice["currency"], invoice["amount_paid"]) == ("eur", 1000)


def test_sync_is_idempotent_and_replaces_a_price_when_a_local_amount_changes(world_tiers):
    before = {p["id"] for p in fake_stripe_prices(world_tiers)}
    sync()
    assert {p["id"] for p in fake_stripe_prices(world_tiers)} == before
    TierPrice.objects.filter(tier=world_tiers["supporter"], currency="eur").update(
        monthly_amount=600
    )
    sync()
    after = {p["id"] for p in fake_stripe_prices(world_tiers)}
    assert len(after - before) == 1  # only the supporter's monthly price


def fake_stripe_prices(tiers):
    keys = [tier.lookup_key(i) for tier in tiers.values() for i in ("month", "year")]
    return stripe_gateway.prices_by_lookup_key(keys).values()


def test_checkout_refuses_a_currency_the_price_lacks(tiers, reader, fake_stripe):
    # No EUR amounts set: Stripe (the fake) refuses, and the join form never gets there.
    with pytest.raises(billing.gateway.PaymentsUnavailable, match="does not support the currency"):
        billing.start_membership_checkout(reader, tiers["supporter"], "month", None, {}, "eur")


def test_a_german_reader_sees_euros_and_the_cache_keeps_one_copy_per_currency_group(
    client, world_tiers
):
    german = client.get(JOIN, HTTP_CF_IPCOUNTRY="DE")
    page = german.content.decode()
    assert german["X-Page-Cache"] == "miss"
    assert "Join: €5 / month" in page
    assert "Join: €10 / month" in page
    assert "$" not in page.split('class="tiers"')[1].split('id="give"')[0]
    assert 'name="currency" value="eur"' in page
    # France and Austria are the same group: served the stored German copy.
    for country in ("FR", "AT"):
        response = client.get(JOIN, HTTP_CF_IPCOUNTRY=country)
        assert response["X-Page-Cache"] == "hit"
        assert "Join: €5 / month" in response.content.decode()
    british = client.get(JOIN, HTTP_CLOUDFRONT_VIEWER_COUNTRY="GB")
    assert british["X-Page-Cache"] == "miss"
    assert "Join: £4 / month" in british.content.decode()
    american = client.get(JOIN, HTTP_CF_IPCOUNTRY="US")
    assert american["X-Page-Cache"] == "miss"
    assert "Join: $5 / month" in american.content.decode()
    # Japan (JPY not enabled) and no header at all share the default's copy.
    for headers in ({"HTTP_CF_IPCOUNTRY": "JP"}, {}):
        response = client.get(JOIN, **headers)
        assert response["X-Page-Cache"] == "hit"
        assert "Join: $5 / month" in response.content.decode()


def test_the_switcher_link_overrides_the_country(client, world_tiers):
    page = client.get(JOIN, HTTP_CF_IPCOUNTRY="DE").content.decode()
    assert 'href="?currency=gbp#tiers-heading"' in page
    switched = client.get(JOIN, {"currency": "gbp"}, HTTP_CF_IPCOUNTRY="DE")
    assert "Join: £4 / month" in switched.content.decode()
    assert switched["X-Page-Cache"] == "miss"
    # A made-up currency shows the reader's own and is never stored.
    for _ in range(2):
        bogus = client.get(JOIN, {"currency": "xyz"}, HTTP_CF_IPCOUNTRY="DE")
        assert bogus.status_code == 200
        assert "X-Page-Cache" not in bogus
        assert "Join: €5 / month" in bogus.content.decode()


def test_the_country_headers_are_configurable(client, world_tiers, settings):
    settings.MEMBERSHIP_COUNTRY_HEADERS = ["X-Country"]
    page = client.get(JOIN, HTTP_X_COUNTRY="IE", HTTP_CF_IPCOUNTRY="GB").content.decode()
    assert "Join: €5 / month" in page


def test_editing_a_local_price_purges_the_stored_pages(client, world_tiers):
    assert client.get(JOIN, HTTP_CF_IPCOUNTRY="DE")["X-Page-Cache"] == "miss"
    price = TierPrice.objects.get(tier=world_tiers["supporter"], currency="eur")
    price.monthly_amount = 600
    price.save()
    again = client.get(JOIN, HTTP_CF_IPCOUNTRY="DE")
    assert again["X-Page-Cache"] == "miss"
    assert "Join: €6 / month" in again.content.decode()


def test_custom_amounts_use_the_currency_floor(client, world_tiers, reader, fake_stripe):
    Currency.objects.create(
        code="eur", min_monthly_amount=400, min_yearly_amount=4000, min_gift_amount=500
    )
    client.force_login(reader)
    sessions = len(fake_stripe.objects("checkout.session"))
    low = client.post(CONFIRM, {"interval": "month", "currency": "eur", "amount": "3.50"})
    assert low.status_code == 400
    assert "The minimum is €4 a month." in low.content.decode()
    gift = client.post("/membership/give/", {"currency": "eur", "amount": "4"})
    assert gift.status_code == 400
    assert "The minimum gift is €5." in gift.content.decode()
    bad = client.post(CONFIRM, {"interval": "month", "currency": "jpy", "amount": "800"})
    assert bad.status_code == 400
    assert "That currency is not available" in bad.content.decode()
    assert len(fake_stripe.objects("checkout.session")) == sessions  # nothing started

    ok = client.post(CONFIRM, {"interval": "month", "currency": "eur", "amount": "4"})
    assert ok.status_code == 303
    session = fake_stripe.objects("checkout.session")[-1]
    assert (session["currency"], session["amount_total"]) == ("eur", 400)
    gift = client.post("/membership/give/", {"currency": "gbp", "amount": "7"})
    assert gift.status_code == 303
    session = fake_stripe.objects("checkout.session")[-1]
    assert (session["mode"], session["currency"], session["amount_total"]) == (
        "payment",
        "gbp",
        700,
    )


def test_a_tier_without_a_local_price_is_not_offered_in_that_currency(client, tiers, reader):
    TierPrice.objects.create(
        tier=tiers["sustainer"], currency="eur", monthly_amount=1000, yearly_amount=10000
    )
    sync()
    page = client.get(JOIN, {"currency": "eur"}).content.decode()
    assert "Join: €10 / month" in page
    assert "Join: €5 / month" not in page
    assert "Supporter" not in page
    client.force_login(reader)
    response = client.post(CONFIRM, {"tier": "supporter", "interval": "month", "currency": "eur"})
    assert response.status_code == 400
    assert "Supporter is not offered in EUR" in response.content.decode()


def test_a_gift_is_confirmed_by_get_then_paid_by_a_csrf_protected_post(
    client, world_tiers, reader, fake_stripe
):
    """The stored join page carries no CSRF token, so its "Give once" form
    sends the amount by GET to a confirm page; only that page's POST, with the
    token, starts Checkout: for guests and signed-in readers alike."""
    strict = Client(enforce_csrf_checks=True)
    join = strict.get("/membership/", HTTP_CF_IPCOUNTRY="DE").content.decode()
    give_form = join[join.index('id="give"') :]
    assert '<form method="get" action="/membership/give/"' in give_form
    assert "csrfmiddlewaretoken" not in give_form

    confirm = strict.get("/membership/give/", {"amount": "5", "currency": "eur"})
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Continue to payment: €5 once" in html
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    assert strict.post("/membership/give/", {"amount": "5"}).status_code == 403
    paid = strict.post(
        "/membership/give/",
        {"amount": "5", "currency": "eur", "csrfmiddlewaretoken": token},
    )
    assert paid.status_code == 303
    strict.force_login(reader)
    assert strict.post("/membership/give/", {"amount": "5"}).status_code == 403


def test_a_bad_amount_sent_to_the_confirm_page_comes_back_on_the_form(
    client, world_tiers, fake_stripe
):
    response = client.get("/membership/give/", {"amount": "5,50"})
    assert response.status_code == 400
    assert 'id="gift-amount-error"' in response.content.decode()
