""" "Cover the fees": the reader may add the card fee (the amount shown) to
their payment; the newsroom can turn the offer off."""

from wagtail.models import Site

import pytest

from membership.fees import fee_for
from membership.models import JoinPageSettings

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
