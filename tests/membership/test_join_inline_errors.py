"""A bad custom amount is answered on the join page itself: the same form,
the reader's input kept, the error next to the field, status 400; nothing is
created and Stripe is not called, signed in or not."""

import re

import pytest

from membership.models import Member, User

pytestmark = pytest.mark.django_db

CONFIRM = "/membership/join/"
EMAIL_STEP = "/membership/join/email/"
BAD = [
    ("2", "The minimum is $3 a month."),
    ("abc", "Enter an amount in numbers, like 12 or 12.50."),
    ("5,50", "Enter an amount in numbers, like 12 or 12.50."),
]


def custom_form(html: str) -> str:
    match = re.search(r'<form class="custom-amount".*?</form>', html, re.DOTALL)
    assert match, "the join page's custom-amount form is not on the page"
    return match.group(0)


def assert_inline_error(response, typed: str, message: str) -> None:
    assert response.status_code == 400
    html = response.content.decode()
    assert "Confirm your membership" not in html  # not a separate error page
    assert "Become a member" in html
    form = custom_form(html)
    assert f'value="{typed}"' in form
    assert 'aria-invalid="true"' in form
    assert 'aria-describedby="custom-amount-error"' in form
    assert re.search(rf'id="custom-amount-error"[^>]*>[^<]*{re.escape(message)}', form)


@pytest.mark.parametrize(("typed", "message"), BAD)
def test_a_signed_in_reader_sees_the_error_on_the_join_form(
    client, tiers, reader, fake_stripe, typed, message
):
    client.force_login(reader)
    before = len(fake_stripe.requests)
    response = client.post(CONFIRM, {"interval": "month", "amount": typed})
    assert_inline_error(response, typed, message)
    assert len(fake_stripe.requests) == before
    assert not Member.objects.exists()


@pytest.mark.parametrize(("typed", "message"), BAD)
def test_a_reader_not_signed_in_sees_the_error_on_the_join_form(
    client, tiers, fake_stripe, typed, message
):
    before = len(fake_stripe.requests)
    response = client.get(EMAIL_STEP, {"interval": "month", "amount": typed})
    assert_inline_error(response, typed, message)
    assert len(fake_stripe.requests) == before
    assert not User.objects.exists()


def test_a_yearly_amount_error_keeps_the_yearly_form(client, tiers, reader):
    client.force_login(reader)
    response = client.post(CONFIRM, {"interval": "year", "amount": "20"})
    assert_inline_error(response, "20", "The minimum is $30 a year.")
    assert "Amount per year" in custom_form(response.content.decode())
