"""Sign-up, verification, sign-in by code, password reset and change of email,
through the real allauth views; codes and links come from the sent emails."""

from django.core import mail
from django.test import Client

import pytest
from allauth.account.models import EmailAddress

from membership.models import User
from tests.membership.accounts.conftest import PASSWORD, code_in, last_email, link_in, make_reader

pytestmark = pytest.mark.django_db


def test_sign_up_sends_a_branded_verification_email_and_the_code_verifies(client, send):
    response = send("post", "/accounts/signup/", {"email": "  New.Reader@Example.ORG "})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="new.reader@example.org")
    address = EmailAddress.objects.get(user=user)
    assert not address.verified
    assert "_auth_user_id" not in client.session  # not signed in before verifying

    message = last_email()
    assert message.to == ["new.reader@example.org"]
    assert message.subject.startswith("[Newsroom] ")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Newsroom" in html
    code = code_in(message)
    assert code in html  # the same code in the HTML part

    assert client.get("/accounts/confirm-email/").status_code == 200
    response = client.post("/accounts/confirm-email/", {"code": code})
    assert response.status_code == 302
    assert EmailAddress.objects.get(pk=address.pk).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_verification_code_changes_nothing(client, send):
    send("post", "/accounts/signup/", {"email": "new@example.org"})
    response = client.post("/accounts/confirm-email/", {"code": "WRONG-CODE"})
    assert response.status_code == 200
    assert b"Incorrect code" in response.content
    assert not EmailAddress.objects.get(email="new@example.org").verified
    assert "_auth_user_id" not in client.session


def test_verification_email_is_sent_only_after_commit(
    client, settings, django_capture_on_commit_callbacks
):
    # Django's test runner swaps in the in-memory backend; put the production
    # one back, delivering to that in-memory outbox.
    settings.EMAIL_BACKEND = "newsroom.mail.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/accounts/signup/", {"email": "new@example.org"})
    assert mail.outbox == []  # nothing leaves while the transaction is open
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_sign_in_by_emailed_code(client, send, reader):
    response = send("post", "/accounts/login/code/", {"email": " READER@example.org "})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/confirm/"
    code = code_in(last_email())
    assert last_email().to == [reader.email]

    response = client.post("/accounts/login/code/confirm/", {"code": code})

    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.session["_auth_user_id"] == str(reader.pk)


def test_a_wrong_code_is_refused_and_three_wrong_codes_end_the_attempt(client, send, reader):
    send("post", "/accounts/login/code/", {"email": reader.email})
    code = code_in(last_email())

    for _ in range(2):
        response = client.post("/accounts/login/code/confirm/", {"code": "WRONG-CODE"})
        assert response.status_code == 200
        assert b"Incorrect code" in response.content
    response = client.post("/accounts/login/code/confirm/", {"code": "WRONG-CODE"})
    # The third wrong code drops the pending sign-in: even the right code fails now.
    response = client.post("/accounts/login/code/confirm/", {"code": code}, follow=True)
    assert "_auth_user_id" not in client.session


def test_a_used_code_cannot_be_used_again(client, send, reader):
    send("post", "/accounts/login/code/", {"email": reader.email})
    code = code_in(last_email())
    client.post("/accounts/login/code/confirm/", {"code": code})
    client.post("/accounts/logout/")

    response = client.post("/accounts/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    assert "/accounts/login/code/confirm/" not in response["Location"]
    assert "_auth_user_id" not in client.session


def test_requesting_codes_is_rate_limited_per_address(reader, django_capture_on_commit_callbacks):
    def request_code():
        with django_capture_on_commit_callbacks(execute=True):
            # A fresh browser each time, as someone hammering the form would be.
            return Client().post("/accounts/login/code/", {"email": reader.email})

    for _ in range(3):
        assert request_code().status_code == 302
    response = request_code()
    assert response.status_code == 200
    assert b"Too many failed login attempts" in response.content
    assert len(mail.outbox) == 3  # no fourth code was sent


def test_password_reset_by_emailed_link(client, send, reader):
    response = send("post", "/accounts/password/reset/", {"email": "Reader@Example.org"})
    assert response.status_code == 302
    link = link_in(last_email(), "/accounts/password/reset/key/")

    response = client.get(link)  # allauth moves the key into the session
    assert response.status_code == 302
    set_url = response["Location"]
    new_password = "a-completely-new-passphrase-7"
    response = client.post(set_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password(new_password)

    # The link is spent: using it again changes nothing.
    response = client.get(link, follow=True)
    assert b"Bad Token" in response.content or b"invalid" in response.content
    reader.refresh_from_db()
    assert reader.check_password(new_password)


def test_password_reset_for_an_unknown_address_looks_the_same(client, send, reader):
    known = send("post", "/accounts/password/reset/", {"email": reader.email})
    unknown = send("post", "/accounts/password/reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # The unknown address is told no account exists; nothing else happens.
    assert mail.outbox[-1].to == ["nobody@example.org"]
    assert not User.objects.filter(email="nobody@example.org").exists()


def test_sign_up_with_an_existing_address_looks_the_same_to_the_requester(send, reader):
    new = send("post", "/accounts/signup/", {"email": "someone.new@example.org"})
    existing = send("post", "/accounts/signup/", {"email": " Reader@EXAMPLE.org "})

    assert (new.status_code, new["Location"]) == (existing.status_code, existing["Location"])
    assert User.objects.filter(email__iexact="reader@example.org").count() == 1
    # The owner of the address learns someone tried; the requester learns nothing.
    assert mail.outbox[-1].to == ["reader@example.org"]
    assert "already" in mail.outbox[-1].body.lower()


def test_change_email_needs_reauthentication_and_verification(client, send, signed_in):
    response = send(
        "post", "/accounts/email/", {"email": "Olena.New@Example.org", "action_add": ""}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert mail.outbox == []
    # Confirming the password resumes the suspended request.
    response = send("post", response["Location"], {"password": PASSWORD}, follow=True)
    assert response.status_code == 200
    signed_in.refresh_from_db()
    assert signed_in.email == "reader@example.org"  # unchanged until verified
    message = last_email()
    assert message.to == ["olena.new@example.org"]

    client.post("/accounts/confirm-email/", {"code": code_in(message)})

    signed_in.refresh_from_db()
    assert signed_in.email == "olena.new@example.org"
    assert list(EmailAddress.objects.filter(user=signed_in).values_list("email", "verified")) == [
        ("olena.new@example.org", True)
    ]


def test_password_sign_in_accepts_the_address_in_any_case(client, reader):
    response = client.post(
        "/accounts/login/", {"login": "  READER@Example.Org ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reader.pk)


def test_an_unverified_account_cannot_sign_in_until_verified(client, send):
    user = make_reader("pending@example.org")
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = send("post", "/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert mail.outbox[-1].to == ["pending@example.org"]


def test_code_sign_in_keeps_a_same_site_next(client, send, reader):
    # /account/ sends an anonymous reader to the code form with ?next=.
    login_url = client.get("/account/")["Location"]
    assert login_url == "/accounts/login/code/?next=/account/"
    response = send(
        "post", "/accounts/login/code/", {"email": reader.email, "next": "/world/a-story/"}
    )
    confirm_url = response["Location"]  # the next= travels along
    assert confirm_url == "/accounts/login/code/confirm/?next=%2Fworld%2Fa-story%2F"
    response = client.post(confirm_url, {"code": code_in(last_email())})
    assert response["Location"] == "/world/a-story/"


def test_an_expired_code_is_refused(client, send, reader, monkeypatch):
    import time

    send("post", "/accounts/login/code/", {"email": reader.email})
    code = code_in(last_email())
    later = time.time() + 60 * 60
    monkeypatch.setattr(time, "time", lambda: later)

    response = client.post("/accounts/login/code/confirm/", {"code": code})

    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] != "/account/"
