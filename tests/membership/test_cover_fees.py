""" "Cover the fees": the reader may add the card fee (the amount shown) to
their payment; the newsroom can turn the offer off."""

from django.core.management import call_command

from wagtail.models import Site

import pytest

from membership.fees import fee_for
from membership.models import JoinPageSettings, TierPrice

pytestmark = pytest.mark.django_db

CONFIRM = "/membership/join/"


def checkout_params(fake_stripe) -> dict:
    [request] = [r for r in fake_stripe.requests if r["path"] == "/v1/checkout/sessions"]
    return request["params"]


@pytest.mark.parametrize(("cents", "fee"), [(1000, 61), (500, 46), (2500, 106), (10000, 330)])
def test_the_fee_leaves_the_newsroom_the_whole_amount(cents, fee):
    assert fee_for(cents) == fee
    gross = cents + fee
    assert gross - round(gross * 0.029) - 30 >= cents


def test_the_confirm_page_offers_the_fee_with_its_amount(client, tiers, reader):
    client.force_login(reader)
    html = client.get(CONFIRM, {"tier": "sustainer", "interval": "month"}).content.decode()
    assert 'name="cover_fees"' in html
    assert "Add $0.61 to cover the card fee ($10.61 / month in all)" in html


def test_covering_the_fee_charges_it_on_the_tiers_product(client, tiers, reader, fake_stripe):
    client.force_login(reader)
    response = client.post(CONFIRM, {"tier": "sustainer", "interval": "month", "cover_fees": "on"})
    assert response.status_code == 303
    [item] = checkout_params(fake_stripe)["line_items"]
    assert item["price_data"] == {
        "currency": "usd",
        "product": tiers["sustainer"].stripe_product_id,
        "unit_amount": "1061",
        "recurring": {"interval": "month"},
    }


def test_without_the_box_the_tiers_own_price_is_used(client, tiers, reader, fake_stripe):
    client.force_login(reader)
    client.post(CONFIRM, {"tier": "sustainer", "interval": "month"})
    [item] = checkout_params(fake_stripe)["line_items"]
    assert "price_data" not in item
    assert item["price"].startswith("price_")


def test_a_one_time_gift_can_cover_the_fee(client, tiers, fake_stripe):
    response = client.post("/membership/give/", {"amount": "25", "cover_fees": "on"})
    assert response.status_code == 303
    [item] = checkout_params(fake_stripe)["line_items"]
    assert item["price_data"]["unit_amount"] == "2606"
    assert "Add the card fee (2.9 % + $0.30)" in client.get("/membership/").content.decode()


def test_the_newsroom_can_turn_the_offer_off(client, tiers, reader, fake_stripe):
    site_settings = JoinPageSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.offer_fee_cover = False
    site_settings.save()
    client.force_login(reader)
    assert (
        "cover_fees"
        not in client.get(CONFIRM, {"tier": "sustainer", "interval": "month"}).content.decode()
    )
    assert "cover_fees" not in client.get("/membership/").content.decode()
    client.post(CONFIRM, {"tier": "sustainer", "interval": "month", "cover_fees": "on"})
    [item] = checkout_params(fake_stripe)["line_items"]
    assert "price_data" not in item  # the tier's own price, nothing added


# The fixed part is charged in the payment's currency (MEMBERSHIP_FEE_FIXED_BY_CURRENCY):
# (1000 + 25) / 0.971 = 1055.6 → 1056, a fee of 56 euro cents;
# (1000 + 20) / 0.971 = 1050.5 → 1051, a fee of 51 pence.
@pytest.mark.parametrize(
    ("currency", "fixed", "fee"), [("eur", 25, 56), ("gbp", 20, 51), ("usd", 30, 61)]
)
def test_the_fixed_part_of_the_fee_is_the_currencys(currency, fixed, fee):
    assert fee_for(1000, currency) == fee
    gross = 1000 + fee
    assert gross - round(gross * 0.029) - fixed >= 1000


def test_a_currency_without_its_own_fixed_fee_uses_the_default(settings):
    settings.MEMBERSHIP_FEE_FIXED_BY_CURRENCY = {"eur": 25}
    assert fee_for(1000, "gbp") == fee_for(1000, "usd") == 61


@pytest.mark.parametrize(("currency", "label"), [("eur", "€0.56"), ("gbp", "£0.51")])
def test_the_confirm_page_and_checkout_use_the_currencys_fee(
    client, tiers, reader, fake_stripe, currency, label
):
    for tier, amount in (("supporter", 500), ("sustainer", 1000)):
        TierPrice.objects.create(
            tier=tiers[tier], currency=currency, monthly_amount=amount, yearly_amount=amount * 10
        )
    call_command("stripe_sync_tiers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.force_login(reader)
    choice = {"tier": "sustainer", "interval": "month", "currency": currency}
    html = client.get(CONFIRM, choice).content.decode()
    assert f"Add {label} to cover the card fee" in html
    response = client.post(CONFIRM, {**choice, "cover_fees": "on"})
    assert response.status_code == 303
    [item] = checkout_params(fake_stripe)["line_items"]
    assert (item["price_data"]["currency"], item["price_data"]["unit_amount"]) == (
        currency,
        str(1000 + int(label[1:].replace(".", ""))),
    )


def test_a_gift_in_pounds_adds_the_pound_fee(client, tiers, fake_stripe):
    gift = {"amount": "25", "currency": "gbp", "cover_fees": "on"}
    response = client.post("/membership/give/", gift)
    assert response.status_code == 303
    [item] = checkout_params(fake_stripe)["line_items"]
    # (2500 + 20) / 0.971 = 2595.3 → 2596
    assert (item["price_data"]["currency"], item["price_data"]["unit_amount"]) == ("gbp", "2596")


def test_the_join_page_names_the_currencys_fixed_fee(client, tiers):
    html = client.get("/membership/", {"currency": "eur"}).content.decode()
    assert "2.9 % + €0.25" in html
