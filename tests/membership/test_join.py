"""Joining: the join page, the confirm step that survives sign-in, Checkout."""

from urllib.parse import parse_qs

from django.urls import reverse

import pytest

from membership.models import Member, Membership
from tests.membership.conftest import session_id_from

pytestmark = pytest.mark.django_db

JOIN = "/membership/"
CONFIRM = "/membership/join/"


def test_join_page_shows_tiers_with_the_frequency_on_every_button(client, tiers):
    page = client.get(JOIN).content.decode()
    assert "Join: $5 / month" in page
    assert "Join: $10 / month" in page
    assert "Recommended" in page
    assert "Give once" in page
    yearly = client.get(JOIN, {"interval": "year"}).content.decode()
    assert "Join: $50 / year" in yearly
    assert "Join: $100 / year" in yearly
    assert "/ month" not in yearly.split('id="give"')[0].split("Choose your own amount")[0]


def test_join_page_leads_to_gift_memberships(client, tiers):
    html = client.get("/membership/").content.decode()
    assert '<a href="/membership/gift/">Give someone a membership</a>' in html


def test_join_page_is_never_publicly_cached(client, tiers):
    # Stored by our page cache per currency group (test_currencies.py), but
    # never by a CDN or shared cache, which would key it by URL alone.
    cache_control = client.get(JOIN)["Cache-Control"]
    assert "private" in cache_control
    assert "no-cache" in cache_control
    assert "public" not in cache_control


def test_anonymous_reader_is_sent_to_the_email_step_with_the_same_choice(client, tiers):
    query = {"tier": "sustainer", "interval": "year", "article": "", "appeal": "footer"}
    response = client.get(CONFIRM, query)
    assert response.status_code == 302
    path, _, qs = response["Location"].partition("?")
    assert path == "/membership/join/email/"
    assert parse_qs(qs) == {"tier": ["sustainer"], "interval": ["year"], "appeal": ["footer"]}
    page = client.get(JOIN).content.decode()
    assert 'method="get" action="/membership/join/email/"' in page


def test_signed_in_reader_confirms_then_goes_to_checkout(client, tiers, reader, fake_stripe):
    client.force_login(reader)
    confirm = client.get(CONFIRM, {"tier": "supporter", "interval": "month"})
    assert confirm.status_code == 200
    assert "Continue to payment: $5 / month" in confirm.content.decode()
    assert fake_stripe.requests[-1]["path"] != "/v1/checkout/sessions"

    response = client.post(CONFIRM, {"tier": "supporter", "interval": "month"})
    assert response.status_code == 303
    assert response["Location"].startswith("https://checkout.stripe.test/cs_test_")
    assert not Membership.objects.exists()  # only the webhook grants anything


def test_checkout_session_parameters(client, tiers, reader, fake_stripe, home, settings):
    client.force_login(reader)
    client.post(
        CONFIRM,
        {"tier": "sustainer", "interval": "year", "article": home.pk, "appeal": "a1"},
    )
    request = fake_stripe.requests[-1]
    params = request["params"]
    member = Member.objects.get(user=reader)
    price = [
        p for p in fake_stripe.objects("price") if p["lookup_key"] == "newsroom_sustainer_yearly"
    ]
    assert params["mode"] == "subscription"
    assert params["customer"] == member.stripe_customer_id
    assert params["client_reference_id"] == str(reader.pk)
    assert params["line_items"] == [{"price": price[0]["id"], "quantity": "1"}]
    expected_meta = {
        "newsroom": "membership",
        "user_id": str(reader.pk),
        "tier": "sustainer",
        "interval": "year",
        "article": str(home.pk),
        "appeal": "a1",
    }
    assert params["metadata"] == expected_meta
    assert params["subscription_data"]["metadata"] == expected_meta
    assert params["success_url"] == (
        "http://testserver/membership/thanks/?session_id={CHECKOUT_SESSION_ID}"
    )
    assert params["cancel_url"] == "http://testserver/membership/checkout-canceled/"
    assert request["headers"]["stripe-version"] == settings.STRIPE_API_VERSION
    assert request["headers"]["idempotency-key"]


def test_the_stripe_customer_is_created_once(client, tiers, reader, fake_stripe):
    client.force_login(reader)
    for _ in range(3):
        client.post(CONFIRM, {"tier": "supporter", "interval": "month"})
    creates = [r for r in fake_stripe.requests if r["path"] == "/v1/customers"]
    assert len(creates) == 1
    assert creates[0]["headers"]["idempotency-key"] == f"customer-create-user-{reader.pk}"
    assert len(fake_stripe.objects("customer")) == 1


def test_custom_amount_uses_price_data_with_recurring(client, tiers, reader, fake_stripe, deliver):
    client.force_login(reader)
    response = client.post(CONFIRM, {"interval": "month", "amount": "12.50"})
    assert response.status_code == 303
    (item,) = fake_stripe.requests[-1]["params"]["line_items"]
    assert item["price_data"] == {
        "currency": "usd",
        "product": tiers["sustainer"].stripe_product_id,  # $12.50 meets Sustainer's $10
        "unit_amount": "1250",
        "recurring": {"interval": "month"},
    }
    deliver(fake_stripe.complete_checkout(session_id_from(response["Location"])))
    membership = Membership.objects.get()
    assert (membership.amount, membership.tier, membership.interval) == (
        1250,
        tiers["sustainer"],
        "month",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"interval": "month", "amount": "2"}, "The minimum is $3 a month."),
        ({"interval": "year", "amount": "20"}, "The minimum is $30 a year."),
        ({"interval": "month", "amount": "4", "tier": "sustainer"}, "$10 a month for Sustainer"),
        ({"interval": "month", "amount": "ten"}, "Enter an amount in numbers"),
        ({"interval": "month", "amount": "99999999999"}, "too large"),
        ({"interval": "month", "amount": "20000"}, "The most we can accept online is $10,000."),
        ({"interval": "week", "tier": "supporter"}, "Choose monthly or yearly."),
        ({"interval": "month", "tier": "gold"}, "That membership tier is not available."),
        ({"interval": "month"}, "Choose a membership tier or enter your own amount."),
    ],
)
def test_bad_choices_get_a_clear_error_and_no_stripe_call(
    client, tiers, reader, fake_stripe, data, message
):
    client.force_login(reader)
    before = len(fake_stripe.requests)
    for response in (client.get(CONFIRM, data), client.post(CONFIRM, data)):
        assert response.status_code == 400
        assert message in response.content.decode()
    assert len(fake_stripe.requests) == before
    assert not Member.objects.exists()


def test_an_active_member_is_sent_to_manage_instead_of_paying_twice(
    client, tiers, reader, subscribe, fake_stripe
):
    subscribe(reader)
    client.force_login(reader)
    sessions_before = len(fake_stripe.objects("checkout.session"))
    for response in (
        client.get(CONFIRM, {"tier": "sustainer", "interval": "month"}),
        client.post(CONFIRM, {"tier": "sustainer", "interval": "month"}),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("membership:account")
    assert len(fake_stripe.objects("checkout.session")) == sessions_before
    page = client.get(JOIN).content.decode()
    assert "a member, thank you" in page
    assert "Supporter, $5 / month" in page


def test_stripe_outage_at_checkout_says_nothing_was_charged(client, tiers, reader, fake_stripe):
    client.force_login(reader)
    fake_stripe.fail_next(5)
    response = client.post(CONFIRM, {"tier": "supporter", "interval": "month"})
    assert response.status_code == 503
    assert "nothing was charged" in response.content.decode()


def test_success_page_waits_for_the_webhook(client, tiers, reader, fake_stripe, deliver):
    client.force_login(reader)
    session_id = session_id_from(
        client.post(CONFIRM, {"tier": "supporter", "interval": "month"})["Location"]
    )
    thanks = reverse("membership:thanks")
    pending = client.get(thanks, {"session_id": session_id}).content.decode()
    assert "confirming your payment" in pending
    assert 'http-equiv="refresh"' in pending
    deliver(fake_stripe.complete_checkout(session_id))
    done = client.get(thanks, {"session_id": session_id}).content.decode()
    assert "Your membership is confirmed" in done
    assert 'http-equiv="refresh"' not in done


def test_success_page_never_shows_someone_elses_membership(
    client, tiers, reader, fake_stripe, subscribe, django_user_model
):
    membership, _ = subscribe(reader)
    other = django_user_model.objects.create_user("bo@example.org")
    client.force_login(other)
    page = client.get(reverse("membership:thanks"), {"session_id": membership.checkout_session_id})
    assert "confirming your payment" in page.content.decode()
    assert "Supporter" not in page.content.decode()


def test_checkout_canceled_page(client):
    assert "No payment was taken" in client.get("/membership/checkout-canceled/").content.decode()


def test_attribution_is_carried_onto_the_membership(
    client, tiers, reader, fake_stripe, deliver, home
):
    client.force_login(reader)
    response = client.post(
        CONFIRM,
        {"tier": "supporter", "interval": "month", "article": home.pk, "appeal": "end"},
    )
    deliver(fake_stripe.complete_checkout(session_id_from(response["Location"])))
    membership = Membership.objects.get()
    assert (membership.source_page_id, membership.source_article_id, membership.appeal) == (
        home.pk,
        home.pk,
        "end",
    )


def test_bogus_attribution_never_blocks_joining(client, tiers, reader, fake_stripe):
    client.force_login(reader)
    response = client.post(
        CONFIRM,
        {"tier": "supporter", "interval": "month", "article": "999999", "appeal": "<script>"},
    )
    assert response.status_code == 303
    metadata = fake_stripe.requests[-1]["params"]["metadata"]
    assert "article" not in metadata
    assert "appeal" not in metadata


def test_paying_in_another_tab_is_noticed_before_the_webhook_arrives(
    client, tiers, reader, fake_stripe
):
    client.force_login(reader)
    first = client.post(CONFIRM, {"tier": "supporter", "interval": "month"})
    fake_stripe.complete_checkout(session_id_from(first["Location"]))  # events not delivered yet
    second = client.post(CONFIRM, {"tier": "sustainer", "interval": "month"})
    assert second.status_code == 302
    assert second["Location"] == reverse("membership:account")
    assert len(fake_stripe.objects("checkout.session")) == 1
    assert Membership.objects.get().tier == tiers["supporter"]


def test_a_plain_link_to_give_shows_the_gift_form(client):
    response = client.get("/membership/give/")
    assert response.status_code == 302
    assert response["Location"] == "/membership/#give"
