"""Joining needs only an email: one step for new and returning readers,
through allauth's real views; codes come from the sent emails."""

import re
from urllib.parse import parse_qs, urlsplit

from django.core import mail

import pytest
from allauth.account.models import EmailAddress

from membership.models import User
from tests.membership.accounts.conftest import code_in, last_email, make_reader

pytestmark = pytest.mark.django_db

EMAIL_STEP = "/membership/join/email/"
CODE_STEP = "/membership/join/code/"
CHOICE = {"tier": "sustainer", "interval": "year", "appeal": "footer"}


@pytest.fixture
def choice(tiers, home) -> dict:
    return {**CHOICE, "article": str(home.pk)}


def give_email(client, capture, email: str, choice: dict):
    with capture(execute=True):
        return client.post(EMAIL_STEP, {**choice, "email": email})


def enter_code(client, capture, response, code: str):
    with capture(execute=True):
        return client.post(response["Location"], {"code": code})


def assert_lands_on_the_confirm_page_with(client, response, choice: dict) -> None:
    assert response.status_code == 302
    path, _, qs = response["Location"].partition("?")
    assert path == "/membership/join/"
    assert parse_qs(qs) == {key: [value] for key, value in choice.items()}
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Continue to payment: $100 / year" in html
    assert 'name="appeal" value="footer"' in html
    assert f'name="article" value="{choice["article"]}"' in html


def test_the_email_step_shows_the_choice(client, choice):
    page = client.get(EMAIL_STEP, choice)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Join as Sustainer" in html
    assert "$100 / year" in html
    assert 'autocomplete="email"' in html
    assert "no-cache" in page["Cache-Control"]


def test_an_existing_reader_gets_a_sign_in_code_and_lands_on_the_confirm_page(
    client, choice, django_capture_on_commit_callbacks
):
    reader = make_reader("ana@example.org")
    response = give_email(client, django_capture_on_commit_callbacks, " Ana@Example.org ", choice)

    assert response.status_code == 302
    assert response["Location"].startswith(CODE_STEP + "?next=")
    assert last_email().to == ["ana@example.org"]
    page = client.get(response["Location"])
    assert "Check your email" in page.content.decode()

    landed = enter_code(
        client, django_capture_on_commit_callbacks, response, code_in(last_email())
    )

    assert client.session["_auth_user_id"] == str(reader.pk)
    assert User.objects.count() == 1
    assert_lands_on_the_confirm_page_with(client, landed, choice)


def test_a_new_reader_gets_an_account_verified_by_code_and_lands_on_the_confirm_page(
    client, choice, django_capture_on_commit_callbacks
):
    response = give_email(client, django_capture_on_commit_callbacks, "New@Example.org", choice)

    assert response.status_code == 302
    assert response["Location"].startswith(CODE_STEP + "?next=")
    user = User.objects.get(email="new@example.org")
    assert not user.has_usable_password()  # a password stays optional
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session
    assert last_email().to == ["new@example.org"]

    landed = enter_code(
        client, django_capture_on_commit_callbacks, response, code_in(last_email())
    )

    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)
    assert_lands_on_the_confirm_page_with(client, landed, choice)


def _page_without_secrets(html: str, email: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return html.replace(email, "EMAIL")


def test_new_and_existing_addresses_look_the_same(
    client, choice, django_capture_on_commit_callbacks
):
    from django.test import Client

    make_reader("ana@example.org")
    other = Client()
    existing = give_email(client, django_capture_on_commit_callbacks, "ana@example.org", choice)
    new = give_email(other, django_capture_on_commit_callbacks, "nobody@example.org", choice)

    assert (existing.status_code, existing["Location"]) == (new.status_code, new["Location"])
    existing_page = client.get(existing["Location"])
    new_page = other.get(new["Location"])
    assert existing_page.status_code == new_page.status_code == 200
    assert _page_without_secrets(
        existing_page.content.decode(), "ana@example.org"
    ) == _page_without_secrets(new_page.content.decode(), "nobody@example.org")
    # Both addresses got a code; neither email says whether an account existed
    # to anyone but its owner.
    assert [m.to for m in mail.outbox] == [["ana@example.org"], ["nobody@example.org"]]


@pytest.mark.parametrize("existing", [True, False], ids=["existing", "new"])
def test_a_wrong_code_changes_nothing(
    client, choice, django_capture_on_commit_callbacks, existing
):
    if existing:
        make_reader("ana@example.org")
    response = give_email(client, django_capture_on_commit_callbacks, "ana@example.org", choice)

    wrong = enter_code(client, django_capture_on_commit_callbacks, response, "WRONG-CODE")

    assert wrong.status_code == 200
    assert "Incorrect code" in wrong.content.decode()
    assert "_auth_user_id" not in client.session
    if not existing:
        assert not EmailAddress.objects.get(email="ana@example.org").verified
    # The right code still works afterwards.
    landed = enter_code(
        client, django_capture_on_commit_callbacks, response, code_in(last_email())
    )
    assert_lands_on_the_confirm_page_with(client, landed, choice)


@pytest.mark.parametrize("existing", [True, False], ids=["existing", "new"])
@pytest.mark.parametrize("next_url", ["//evil.com/x", "https://evil.com", "/\\evil.com"])
def test_next_stays_on_this_site(
    client, choice, django_capture_on_commit_callbacks, existing, next_url
):
    if existing:
        make_reader("ana@example.org")
    give_email(client, django_capture_on_commit_callbacks, "ana@example.org", choice)
    with django_capture_on_commit_callbacks(execute=True):
        landed = client.post(CODE_STEP, {"code": code_in(last_email()), "next": next_url})
    assert landed.status_code == 302
    location = urlsplit(landed["Location"])
    assert not location.netloc
    assert "evil" not in landed["Location"]
    assert client.session["_auth_user_id"]


def test_bad_input_gets_a_clear_message_and_sends_nothing(
    client, choice, django_capture_on_commit_callbacks
):
    response = give_email(client, django_capture_on_commit_callbacks, "not-an-address", choice)
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    assert mail.outbox == []
    assert not User.objects.exists()

    response = client.get(EMAIL_STEP, {"tier": "nope", "interval": "month"})
    assert response.status_code == 400
    assert "That membership tier is not available" in response.content.decode()


def test_a_custom_amount_survives_the_email_step(
    client, tiers, django_capture_on_commit_callbacks
):
    choice = {"interval": "month", "amount": "12.50"}
    response = give_email(client, django_capture_on_commit_callbacks, "new@example.org", choice)
    landed = enter_code(
        client, django_capture_on_commit_callbacks, response, code_in(last_email())
    )
    html = client.get(landed["Location"]).content.decode()
    assert "Continue to payment: $12.50 / month" in html


def test_the_code_page_without_a_pending_flow_goes_back_to_the_join_page(client):
    response = client.get(CODE_STEP)
    assert response.status_code == 302
    assert response["Location"] == "/membership/"


def test_a_signed_in_reader_skips_the_email_step(client, choice):
    client.force_login(make_reader("ana@example.org"))
    response = client.get(EMAIL_STEP, choice)
    assert response.status_code == 302
    assert response["Location"].startswith("/membership/join/?")
