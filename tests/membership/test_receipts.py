"""Receipts for each payment, made from Stripe's invoices (and one-time
gifts), and the printable yearly giving statement."""

import datetime

from django.utils import timezone

import pytest

from membership import billing
from membership.models import Contribution, User, format_amount
from tests.membership.conftest import session_id_from

pytestmark = pytest.mark.django_db

RECEIPTS = "/account/membership/receipts/"


def give(user, amount, currency, fake_stripe, deliver):
    url = billing.start_gift_checkout(user, amount, {}, currency)
    deliver(fake_stripe.complete_checkout(session_id_from(url)))
    return Contribution.objects.latest("created_at")


def paid_at(invoice: dict) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(invoice["created"], datetime.UTC)


def test_receipts_match_the_invoices(client, reader, subscribe, fake_stripe, deliver):
    membership, _ = subscribe(reader, tier="sustainer")
    deliver(fake_stripe.renew(membership.stripe_subscription_id))
    gift = give(reader, 2500, "eur", fake_stripe, deliver)
    client.force_login(reader)

    invoices = fake_stripe.objects("invoice")
    assert len(invoices) == 2
    listing = client.get(RECEIPTS).content.decode()
    for invoice in invoices:
        assert f"Receipt {invoice['id']}" in listing
        page = client.get(f"{RECEIPTS}{invoice['id']}/")
        assert page.status_code == 200
        text = page.content.decode()
        assert invoice["id"] in text
        assert f"<dd>{format_amount(invoice['amount_paid'], invoice['currency'])}</dd>" in text
        assert f"<dd>{paid_at(invoice):%-d %B %Y}</dd>" in text
        start = datetime.datetime.fromtimestamp(invoice["period_start"], datetime.UTC)
        end = datetime.datetime.fromtimestamp(invoice["period_end"], datetime.UTC)
        assert f"Membership, {start:%-d %B %Y} to {end:%-d %B %Y}" in text
    gift_page = client.get(f"/account/membership/gifts/{gift.pk}/receipt/").content.decode()
    assert "<dd>€25</dd>" in gift_page
    assert "One-time gift" in gift_page


def test_the_yearly_statement_adds_up_the_years_payments(
    client, reader, subscribe, fake_stripe, deliver
):
    subscribe(reader, tier="supporter")
    give(reader, 1200, "usd", fake_stripe, deliver)
    give(reader, 700, "gbp", fake_stripe, deliver)
    refunded = give(reader, 900, "usd", fake_stripe, deliver)
    Contribution.objects.filter(pk=refunded.pk).update(amount_refunded=900, status="refunded")
    client.force_login(reader)
    year = timezone.now().year
    this_year = [i for i in fake_stripe.objects("invoice") if paid_at(i).year == year]
    assert "Yearly giving statements" in client.get(RECEIPTS).content.decode()

    page = client.get(f"/account/membership/statement/{year}/")
    assert page.status_code == 200
    text = page.content.decode()
    dollars = sum(i["amount_paid"] for i in this_year) + 1200
    assert f"Total given in {year}: £7 + {format_amount(dollars, 'usd')}" in text
    for invoice in this_year:
        assert invoice["id"] in text
    assert "$9<" not in text  # the refunded gift
    assert client.get(f"/account/membership/statement/{year + 1}/").status_code == 404
    assert client.get(f"/account/membership/statement/{year - 1}/").status_code == 200


def test_no_one_sees_anothers_receipts(client, reader, subscribe, fake_stripe, deliver):
    subscribe(reader)
    invoice = fake_stripe.objects("invoice")[0]
    gift = give(reader, 500, "usd", fake_stripe, deliver)
    other = User.objects.create_user("ben@example.org")
    client.force_login(other)
    assert client.get(f"{RECEIPTS}{invoice['id']}/").status_code == 404
    assert client.get(f"/account/membership/gifts/{gift.pk}/receipt/").status_code == 404
    assert "No payments yet." in client.get(RECEIPTS).content.decode()
    client.force_login(reader)
    for bogus in ("in_nope", "abc", "cus_x"):
        assert client.get(f"{RECEIPTS}{bogus}/").status_code == 404


def test_receipts_when_stripe_is_down(client, reader, subscribe, fake_stripe):
    subscribe(reader)
    client.force_login(reader)
    fake_stripe.fail_next(1)
    response = client.get(RECEIPTS)
    assert response.status_code == 503
    assert "reach our payment provider" in response.content.decode()
